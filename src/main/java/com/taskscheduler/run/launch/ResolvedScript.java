package com.taskscheduler.run.launch;

import java.nio.file.Path;

/**
 * A script that passed validation.
 *
 * @param requested root/folder/name as typed, links not resolved; re-resolved before start
 * @param realFile the file to launch, links resolved
 * @param workingDir the real path of the directory the name was looked up in
 * @param display folder/name as the user wrote them, for messages
 */
record ResolvedScript(Path requested, Path realFile, Path workingDir, String display) {

  /** The lower-case extension without the dot, or "" when the real file name has none. */
  String extension() {
    String name = realFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
