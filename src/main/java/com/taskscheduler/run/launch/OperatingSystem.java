package com.taskscheduler.run.launch;

/**
 * The operating system a command line is built for. It is a parameter rather than a global so
 * Windows command lines can be built and tested on any machine.
 */
public enum OperatingSystem {
  LINUX,
  MAC,
  WINDOWS;

  /**
   * The system this JVM runs on. Anything that is neither Windows nor macOS is treated as Linux.
   */
  public static OperatingSystem current() {
    String name = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (name.startsWith("windows")) {
      return WINDOWS;
    }
    if (name.startsWith("mac") || name.contains("darwin")) {
      return MAC;
    }
    return LINUX;
  }

  public boolean isWindows() {
    return this == WINDOWS;
  }
}
