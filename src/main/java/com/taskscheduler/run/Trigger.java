package com.taskscheduler.run;

import java.util.Locale;

/** What started a run; stored in {@code Log_Task_Scheduler.TriggeredBy}. */
public enum Trigger {
  SCHEDULE,
  ASAP,
  MANUAL,
  CATCH_UP;

  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
