package com.taskscheduler.run.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

final class TestProcesses {

  private TestProcesses() {}

  static Path writeScript(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /**
   * Alive and not a zombie. A killed orphan stays a zombie until init reaps it, and the init of a
   * container may reap late; Java counts zombies as alive although they run nothing.
   */
  static boolean stillRunning(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      // The state follows the parenthesised command name, which may itself contain ')'.
      char state = text.charAt(text.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return !Files.exists(stat) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }
}
