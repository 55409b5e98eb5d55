package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimLeadTest {
  private static final Instant T = Instant.parse("2025-03-10T08:01:00Z");

  @Test
  void aLoneFireIsClaimedJustOverTheMinimalLeadBeforeItsInstant() {
    ClaimLead lead = new ClaimLead();
    assertThat(lead.lead(1)).isBetween(ClaimLead.MIN, ClaimLead.MIN.plusMillis(10));
    assertThat(lead.nextClaimPoint(List.of(T))).isEqualTo(T.minus(lead.lead(1)));
  }

  @Test
  void aBurstNeedsALongerLeadButNeverMoreThanTheMaximum() {
    ClaimLead lead = new ClaimLead();
    assertThat(lead.lead(100)).isGreaterThan(lead.lead(1));
    assertThat(lead.lead(100_000)).isEqualTo(ClaimLead.MAX);
    List<Instant> burst = Collections.nCopies(100, T);
    assertThat(lead.nextClaimPoint(burst)).isEqualTo(T.minus(lead.lead(100)));
  }

  @Test
  void everyFireUpToTheLastWhoseClaimPointHasComeIsClaimedNow() {
    ClaimLead lead = new ClaimLead();
    List<Instant> fires = List.of(T, T.plusMillis(50), T.plusSeconds(5));
    assertThat(lead.toClaim(fires, T.minusSeconds(2))).isZero();
    assertThat(lead.toClaim(fires, T.minus(lead.lead(1)))).isEqualTo(1);
    assertThat(lead.toClaim(fires, T.minusMillis(50))).isEqualTo(2);
  }

  @Test
  void measuredClaimCostsMoveTheLead() {
    ClaimLead lead = new ClaimLead();
    Duration before = lead.lead(100);
    for (int i = 0; i < 20; i++) {
      lead.measured(100, Duration.ofMillis(1000)); // 10 ms per claim: a slow database
    }
    assertThat(lead.lead(100)).isEqualTo(ClaimLead.MAX).isGreaterThan(before);
    for (int i = 0; i < 40; i++) {
      lead.measured(100, Duration.ZERO);
    }
    assertThat(lead.lead(100)).isLessThan(before);
    assertThat(lead.lead(1)).isGreaterThanOrEqualTo(ClaimLead.MIN);
  }
}
