package com.taskscheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunStatusTest {

  @Test
  void aClaimedRunEndsInOneOfTheProcessEndingsButNeverBecomesSkippedOrMissedThatWay() {
    assertThat(RunStatus.RUN.moveTo(RunStatus.SUCCESS)).isEqualTo(RunStatus.SUCCESS);
    assertThat(RunStatus.RUN.canMoveTo(RunStatus.LOST)).isTrue();
    assertThat(RunStatus.RUN.canMoveTo(RunStatus.SKIPPED)).isFalse();
    assertThat(RunStatus.RUN.canMoveTo(RunStatus.MISSED)).isFalse();
  }

  @Test
  void onlyAClaimedRunCanBeSkippedBeforeItStarts() {
    assertThat(RunStatus.RUN.skipBeforeStart()).isEqualTo(RunStatus.SKIPPED);
  }

  @ParameterizedTest
  @EnumSource(
      value = RunStatus.class,
      names = {"RUN"},
      mode = EnumSource.Mode.EXCLUDE)
  void aFinalStateIsNeverLeft(RunStatus status) {
    assertThatThrownBy(status::skipBeforeStart).isInstanceOf(IllegalStateException.class);
    for (RunStatus next : RunStatus.values()) {
      assertThat(status.canMoveTo(next)).isFalse();
    }
  }
}
