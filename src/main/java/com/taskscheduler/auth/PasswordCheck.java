package com.taskscheduler.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the dashboard password in constant time: both sides are hashed to the same length and
 * compared with {@link MessageDigest#isEqual}. Only the hash is kept after start-up.
 */
final class PasswordCheck {
  private final byte[] expected;

  PasswordCheck(String password) {
    this.expected = digest(password);
  }

  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(expected, digest(candidate));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
