package com.taskscheduler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.taskscheduler.scheduler.SchedulerControl.Event;
import com.taskscheduler.scheduler.SchedulerControl.LogLine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The scheduler's own log: bounded, fed by our loggers, pushed to subscribers, detachable. */
class SchedulerLogTest {

  @Test
  void keepsTheLastFiveHundredLinesOfOurLoggersOldestFirst() throws Exception {
    SchedulerEvents events = new SchedulerEvents();
    List<Event> pushed = new CopyOnWriteArrayList<>();
    events.subscribe(pushed::add);
    SchedulerLog log = new SchedulerLog(events);
    log.install();
    Logger engine = Logger.getLogger("com.taskscheduler.scheduler.SomeTest");
    Logger run = Logger.getLogger("com.taskscheduler.run.SomeTest");
    Logger other = Logger.getLogger("com.taskscheduler.web.SomeTest");
    try {
      for (int i = 1; i <= 600; i++) {
        engine.info("line " + i);
      }
      other.warning("not ours");
      run.log(Level.SEVERE, "run failed {0}", 7);
      engine.warning("careful");

      List<LogLine> lines = log.recent(1000);
      assertThat(lines).hasSize(SchedulerLog.CAPACITY);
      assertThat(lines.get(0).message()).isEqualTo("line 103");
      assertThat(lines.get(lines.size() - 2))
          .satisfies(
              l -> {
                assertThat(l.level()).isEqualTo("ERROR");
                assertThat(l.message()).isEqualTo("run failed 7");
              });
      assertThat(lines.get(lines.size() - 1).level()).isEqualTo("WARNING");
      assertThat(lines).noneMatch(l -> l.message().equals("not ours"));
      assertThat(log.recent(2))
          .extracting(LogLine::message)
          .containsExactly("run failed 7", "careful");
      assertThat(pushed).hasSize(602);
    } finally {
      log.close();
    }
    engine.info("after close");
    assertThat(log.recent(1)).extracting(LogLine::message).containsExactly("careful");
    assertThat(Logger.getLogger("com.taskscheduler").getHandlers()).doesNotContain(log);
  }

  @Test
  void aLineKeepsTheRecordsTimestamp() {
    SchedulerLog log = new SchedulerLog(new SchedulerEvents());
    LogRecord record = new LogRecord(Level.INFO, "hello");
    record.setLoggerName("com.taskscheduler.scheduler.X");
    record.setInstant(java.time.Instant.parse("2025-01-02T03:04:05Z"));
    log.publish(record);
    assertThat(log.recent(1).get(0).timestamp())
        .isEqualTo(java.time.Instant.parse("2025-01-02T03:04:05Z"));
  }
}
