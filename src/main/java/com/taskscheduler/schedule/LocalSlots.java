package com.taskscheduler.schedule;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The wall-clock slots a calendar schedule names, with no zone attached. Keeping slots zone-free
 * lets one place ({@link WallClock}) apply the daylight-saving rules to every calendar form.
 */
interface LocalSlots {

  /** The first slot strictly after {@code t}; empty only if the series has ended. */
  Optional<LocalDateTime> nextAfter(LocalDateTime t);

  /** The last slot at or before {@code t}; empty if there is none. */
  Optional<LocalDateTime> latestAtOrBefore(LocalDateTime t);
}
