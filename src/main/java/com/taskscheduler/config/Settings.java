package com.taskscheduler.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Looks settings up in the sources in order of precedence, parses them, and collects problems
 * instead of stopping at the first one.
 */
final class Settings {
  private final List<Function<String, String>> sources;
  private final List<String> problems;

  Settings(List<Function<String, String>> sources, List<String> problems) {
    this.sources = sources;
    this.problems = problems;
  }

  void problem(String line) {
    problems.add(line);
  }

  /** The first non-empty value as given (not trimmed: for secrets), or null. */
  String raw(String name) {
    for (Function<String, String> source : sources) {
      String value = source.apply(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** The first non-empty value, trimmed, or null. */
  String text(String name) {
    String value = raw(name);
    return value == null ? null : value.strip();
  }

  String text(String name, String defaultValue) {
    String value = text(name);
    return value == null ? defaultValue : value;
  }

  boolean flag(String name, boolean defaultValue) {
    String value = text(name);
    if (value == null) {
      return defaultValue;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes":
        return true;
      case "false", "0", "no":
        return false;
      default:
        problem(name + ": \"" + value + "\" is not a boolean (use true/false, yes/no or 1/0)");
        return defaultValue;
    }
  }

  /** A whole number in min..max, or {@code defaultValue} (which may be null) when unset. */
  Long number(String name, Long defaultValue, long min, long max) {
    String value = text(name);
    if (value == null) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      problem(name + ": \"" + value + "\" is not a whole number (use " + min + ".." + max + ")");
      return defaultValue;
    }
    if (n < min || n > max) {
      problem(name + ": " + n + " is out of range (use " + min + ".." + max + ")");
      return defaultValue;
    }
    return n;
  }

  Duration duration(String name, ChronoUnit unit, Long defaultValue, long min, long max) {
    Long n = number(name, defaultValue, min, max);
    return n == null ? null : Duration.of(n, unit);
  }
}
