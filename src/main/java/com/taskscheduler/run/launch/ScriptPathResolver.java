package com.taskscheduler.run.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns scripts root / ScriptFolder / ScriptName into a real file inside the root, or a reason.
 *
 * <p>Both {@code /} and {@code \} separate segments on every OS, so a row written on Windows
 * ({@code reports\daily}) means the same on Linux and a {@code ..\x} cannot slip through there.
 * Nothing is percent-decoded: {@code %2e%2e} is an ordinary (and most likely missing) file name.
 */
final class ScriptPathResolver {

  private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]+");

  private final Path configuredRoot;

  ScriptPathResolver(Path scriptsRoot) {
    this.configuredRoot = scriptsRoot;
  }

  ResolvedScript resolve(String scriptFolder, String scriptName) throws LaunchRefusedException {
    String display = display(scriptFolder, scriptName);
    if (scriptName == null || scriptName.isBlank()) {
      throw new LaunchRefusedException("ScriptName is empty");
    }
    String folder = scriptFolder == null ? "" : scriptFolder;
    List<String> folderSegments = segments("ScriptFolder", folder, true);
    List<String> nameSegments = segments("ScriptName", scriptName, false);

    Path root = realRoot();
    Path requestedDir = root;
    for (String segment : folderSegments) {
      requestedDir = requestedDir.resolve(segment);
    }
    for (String segment : nameSegments.subList(0, nameSegments.size() - 1)) {
      requestedDir = requestedDir.resolve(segment);
    }
    Path requested = requestedDir.resolve(nameSegments.get(nameSegments.size() - 1));
    // Segments are plain names, so this only fails if the code above is wrong.
    if (!requested.normalize().startsWith(root)) {
      throw new LaunchRefusedException("Script path escapes the scripts root: " + display);
    }

    Path workingDir = realDirectory(requestedDir, display);
    Path realFile = realFile(requested, display);
    return new ResolvedScript(requested, realFile, workingDir, display);
  }

  /**
   * Resolves the script again right before start: a file that has been replaced since {@link
   * #resolve} (for instance by a link out of the root) is refused. Returns the script as it is now,
   * which is what must be launched.
   */
  ResolvedScript revalidate(ResolvedScript validated) throws LaunchRefusedException {
    String display = validated.display();
    Path workingDir = realDirectory(validated.requested().getParent(), display);
    Path realFile = realFile(validated.requested(), display);
    if (!realFile.equals(validated.realFile()) || !workingDir.equals(validated.workingDir())) {
      throw new LaunchRefusedException(
          "Script changed between validation and start, not started: " + display);
    }
    return new ResolvedScript(validated.requested(), realFile, workingDir, display);
  }

  private Path realRoot() throws LaunchRefusedException {
    try {
      Path root = configuredRoot.toRealPath();
      if (!Files.isDirectory(root)) {
        throw new LaunchRefusedException("The scripts root is not a directory: " + configuredRoot);
      }
      return root;
    } catch (IOException e) {
      throw new LaunchRefusedException("The scripts root does not exist: " + configuredRoot, e);
    }
  }

  private Path realDirectory(Path dir, String display) throws LaunchRefusedException {
    Path root = realRoot();
    Path real;
    try {
      real = dir.toRealPath();
    } catch (NoSuchFileException e) {
      throw new LaunchRefusedException("Script folder not found: " + display, e);
    } catch (IOException e) {
      throw new LaunchRefusedException("Script folder cannot be read: " + display, e);
    }
    if (!real.startsWith(root)) {
      throw new LaunchRefusedException(
          "ScriptFolder escapes the scripts root through a link: " + display);
    }
    if (!Files.isDirectory(real)) {
      throw new LaunchRefusedException("Script folder is not a directory: " + display);
    }
    return real;
  }

  private Path realFile(Path requested, String display) throws LaunchRefusedException {
    Path root = realRoot();
    Path real;
    try {
      real = requested.toRealPath();
    } catch (NoSuchFileException e) {
      throw new LaunchRefusedException("Script not found: " + display, e);
    } catch (IOException e) {
      throw new LaunchRefusedException("Script cannot be read: " + display, e);
    }
    if (!real.startsWith(root)) {
      throw new LaunchRefusedException(
          "Script escapes the scripts root through a link: " + display);
    }
    if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new LaunchRefusedException("Script is a directory, not a file: " + display);
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new LaunchRefusedException("Script is not a regular file: " + display);
    }
    return real;
  }

  /**
   * Splits a user-given relative path into plain names, refusing anything that could point
   * elsewhere than below the root. Empty segments ({@code a//b}) and {@code .} are dropped.
   */
  private static List<String> segments(String field, String value, boolean mayBeEmpty)
      throws LaunchRefusedException {
    String shown = printable(value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
        throw new LaunchRefusedException(field + " contains a control character: " + shown);
      }
    }
    if (value.startsWith("/") || value.startsWith("\\")) {
      throw new LaunchRefusedException(
          field + " must be relative to the scripts root, not absolute: " + shown);
    }
    // Drive letters (C:), drive-relative paths (C:x) and NTFS streams (x.py:stream) all use ':'.
    if (value.indexOf(':') >= 0) {
      throw new LaunchRefusedException(
          field + " must not contain ':' (drive letters and streams are refused): " + shown);
    }
    List<String> result = new ArrayList<>();
    for (String segment : SEPARATORS.split(value.strip(), -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        String what = field.equals("ScriptFolder") ? "ScriptFolder" : "ScriptName";
        throw new LaunchRefusedException(what + " escapes the scripts root: " + shown);
      }
      // Windows silently drops trailing dots and spaces, so "..." or ".. " can act like "..".
      if (segment.strip().replaceAll("\\.+$", "").isEmpty() || !segment.equals(segment.strip())) {
        throw new LaunchRefusedException(
            field + " has a segment of only dots or with surrounding spaces: " + shown);
      }
      try {
        Path.of(segment);
      } catch (InvalidPathException e) {
        throw new LaunchRefusedException(field + " is not a valid path: " + shown, e);
      }
      result.add(segment);
    }
    if (result.isEmpty() && !mayBeEmpty) {
      throw new LaunchRefusedException(field + " names no file: " + shown);
    }
    if (!mayBeEmpty && (value.endsWith("/") || value.endsWith("\\"))) {
      throw new LaunchRefusedException(field + " ends with a separator: " + shown);
    }
    return result;
  }

  private static String display(String folder, String name) {
    String f = folder == null || folder.isBlank() ? "" : folder;
    String n = name == null ? "" : name;
    return printable(f.isEmpty() ? n : f + "/" + n);
  }

  /** Control characters shown as \\uXXXX so a reason never breaks a log line or the UI. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
