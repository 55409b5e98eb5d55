package com.taskscheduler.config;

import java.time.Clock;
import java.time.Instant;

/** Scheduler session ids, in the format the Python tool uses (SPEC §5). */
public final class SessionIds {
  private SessionIds() {}

  /**
   * Microseconds since the Unix epoch as a decimal string. The Python tool compares these to decide
   * which scheduler is newest, so the format must match exactly.
   */
  public static String newSessionId(Clock clock) {
    Instant now = clock.instant();
    long micros =
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
    return Long.toString(micros);
  }
}
