package com.taskscheduler.run;

/** Told when a run's process starts and when its run reaches a final status. */
public interface RunListener {
  RunListener NONE =
      new RunListener() {
        @Override
        public void started(Run run) {}

        @Override
        public void ended(Run run) {}
      };

  void started(Run run);

  void ended(Run run);
}
