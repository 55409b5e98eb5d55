package com.taskscheduler.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long before their instants fires are claimed. Long enough for the pass and the claims of
 * every fire due by then (a burst of three hundred needs more than one fire does), and no longer: a
 * scheduler killed between a claim and its instant leaves that fire {@code Lost}, so the lead is
 * the window in which a crash costs a fire.
 */
final class ClaimLead {
  /** Covers one pass (loading the tasks) and a claim on a loaded machine. */
  static final Duration MIN = Duration.ofMillis(100);

  /** Never claimed earlier than this, however large the burst. */
  static final Duration MAX = Duration.ofSeconds(1);

  /** What one claim is assumed to cost until a burst has been measured. */
  private static final long FIRST_ESTIMATE_NANOS = Duration.ofMillis(3).toNanos();

  private long perFireNanos = FIRST_ESTIMATE_NANOS;

  /** The lead needed to claim {@code fires} fires before an instant. */
  Duration lead(int fires) {
    long nanos = MIN.toNanos() + 2L * fires * perFireNanos;
    return nanos >= MAX.toNanos() ? MAX : Duration.ofNanos(nanos);
  }

  /**
   * Of {@code fires} (ascending, all later than now), how many to claim now: every fire up to the
   * last one whose claim point has come, since those before it must be claimed before it anyway.
   */
  int toClaim(List<Instant> fires, Instant now) {
    int count = 0;
    for (int i = 0; i < fires.size(); i++) {
      if (!fires.get(i).minus(lead(i + 1)).isAfter(now)) {
        count = i + 1;
      }
    }
    return count;
  }

  /** The earliest claim point of {@code fires} (ascending, not claimed yet), or null. */
  Instant nextClaimPoint(List<Instant> fires) {
    Instant earliest = null;
    for (int i = 0; i < fires.size(); i++) {
      Instant point = fires.get(i).minus(lead(i + 1));
      earliest = earliest == null || point.isBefore(earliest) ? point : earliest;
    }
    return earliest;
  }

  /** Learns from a batch of claims how long one claim takes here (a moving average). */
  void measured(int fires, Duration took) {
    if (fires <= 0 || took.isNegative()) {
      return;
    }
    long each = took.toNanos() / fires;
    perFireNanos = (perFireNanos * 3 + each) / 4;
  }
}
