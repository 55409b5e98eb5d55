package com.taskscheduler.web;

import java.util.regex.Pattern;

/** Parses request parameters ourselves, so a bad one is a 400 that names it. */
final class Params {
  /**
   * ASCII digits only: Integer.parseInt also takes a sign and other scripts' digits, so "+1" or "١"
   * would name task 1.
   */
  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,10}");

  private Params() {}

  static int intParam(String name, String raw, int defaultValue, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = parse(raw.trim());
      if (value < min || value > max) {
        throw ApiError.badRequest(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name, "must be a whole number between " + min + " and " + max);
    }
  }

  /** A path id: a positive integer. */
  static int id(String name, String raw) {
    try {
      int value = parse(raw);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badRequest(name, "must be a positive whole number");
  }

  private static int parse(String raw) {
    if (!WHOLE_NUMBER.matcher(raw).matches()) {
      throw new NumberFormatException(raw);
    }
    return Integer.parseInt(raw);
  }
}
