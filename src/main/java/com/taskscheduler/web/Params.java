package com.taskscheduler.web;

/** Parses request parameters ourselves, so a bad one is a 400 that names it. */
final class Params {
  private Params() {}

  static int intParam(String name, String raw, int defaultValue, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
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
      int value = Integer.parseInt(raw.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badRequest(name, "must be a positive whole number");
  }
}
