package com.taskscheduler.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code KEY=value}, {@code export KEY=value}, {@code #} comments, blank
 * lines and single- or double-quoted values. The Python tool reads the same file with
 * python-dotenv, so this follows its rules for the common cases.
 */
final class DotEnv {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=(.*)", Pattern.DOTALL);

  private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");

  private DotEnv() {}

  /** The file's settings; a missing file has none. Problems are added to {@code problems}. */
  static Map<String, String> read(Path file, List<String> problems) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      problems.add(file + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
      return Map.of();
    }
    return parse(lines, file.toString(), problems);
  }

  static Map<String, String> parse(List<String> lines, String fileName, List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      String value = m.matches() ? value(m.group(2).strip()) : null;
      if (value == null) {
        // The line itself is not repeated: it may hold a password.
        problems.add(
            fileName
                + ": line "
                + (i + 1)
                + " is malformed (expected KEY=value, export KEY=value, a # comment or a blank"
                + " line; quote values with ' or \")");
        continue;
      }
      values.put(m.group(1), value);
    }
    return values;
  }

  /** The value with quotes removed, or null if it is malformed. */
  private static String value(String raw) {
    if (raw.startsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(i + 1);
          switch (next) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            default -> out.append(c).append(next);
          }
          i++;
        } else if (c == '"') {
          return onlyCommentAfter(raw.substring(i + 1)) ? out.toString() : null;
        } else {
          out.append(c);
        }
      }
      return null; // no closing quote
    }
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0 || !onlyCommentAfter(raw.substring(end + 1))) {
        return null;
      }
      return raw.substring(1, end);
    }
    // Unquoted: " #" starts a comment, a "#" inside a word (as in a password) does not.
    Matcher comment = INLINE_COMMENT.matcher(raw);
    String value = comment.find() ? raw.substring(0, comment.start()) : raw;
    return value.strip();
  }

  private static boolean onlyCommentAfter(String rest) {
    String r = rest.strip();
    return r.isEmpty() || r.startsWith("#");
  }
}
