package com.taskscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

  @Test
  void sessionIdIsMicrosecondsSinceTheEpochAsDecimal() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), ZoneOffset.UTC);

    assertThat(SessionIds.newSessionId(clock)).isEqualTo("1700000000123456");
  }

  @Test
  void sessionIdAtTheEpochIsZero() {
    assertThat(SessionIds.newSessionId(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).isEqualTo("0");
  }

  @Test
  void laterClocksGiveLargerIdsOfTheSameLength() {
    String earlier =
        SessionIds.newSessionId(
            Clock.fixed(Instant.parse("2024-01-01T00:00:00.000001Z"), ZoneOffset.UTC));
    String later =
        SessionIds.newSessionId(
            Clock.fixed(Instant.parse("2024-01-01T00:00:00.000002Z"), ZoneOffset.UTC));

    assertThat(earlier).matches("\\d{16}");
    assertThat(Long.parseLong(later)).isEqualTo(Long.parseLong(earlier) + 1);
  }
}
