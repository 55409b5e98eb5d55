package com.taskscheduler.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves by hand. */
  static final class SettableClock extends Clock {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final SettableClock clock = new SettableClock();
  final LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(5), clock);

  @Test
  void tenFailuresWithinTheWindowBlockTheClientUntilTheOldestExpires() {
    for (int i = 0; i < 10; i++) {
      assertThat(throttle.retryAfter("10.0.0.1")).isZero();
      throttle.failed("10.0.0.1");
      clock.now = clock.now.plusSeconds(10);
    }
    assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(300 - 100));
    assertThat(throttle.retryAfter("10.0.0.2")).as("another client").isZero();
    clock.now = clock.now.plusSeconds(200);
    assertThat(throttle.retryAfter("10.0.0.1")).isZero();
  }

  @Test
  void failuresSpreadOverMoreThanTheWindowNeverBlock() {
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.retryAfter("10.0.0.1")).isZero();
      throttle.failed("10.0.0.1");
      clock.now = clock.now.plusSeconds(31);
    }
  }

  @Test
  void thePasswordCheckAcceptsOnlyTheExactPassword() {
    PasswordCheck check = new PasswordCheck("s3cret ü");
    assertThat(check.matches("s3cret ü")).isTrue();
    assertThat(check.matches("s3cret u")).isFalse();
    assertThat(check.matches("s3cret ü ")).isFalse();
    assertThat(check.matches("")).isFalse();
    assertThat(check.matches(null)).isFalse();
  }
}
