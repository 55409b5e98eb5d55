package com.taskscheduler.web;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Jersey reports resources registered as instances as "providers that will be ignored" (Jersey
 * issue 3700), although it serves them as resources. Nine such warnings at every start would send
 * an operator looking for a fault; this drops exactly those, for our own resources, and nothing
 * else.
 */
final class JerseyWarnings {
  private static final Logger PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");
  private static final Filter OUR_RESOURCES_ARE_NOT_PROVIDERS =
      record -> {
        String message = String.valueOf(record.getMessage());
        return !(message.contains("com.taskscheduler.web.")
            && message.contains("does not implement any provider interfaces"));
      };

  private JerseyWarnings() {}

  static void install() {
    PROVIDERS.setFilter(OUR_RESOURCES_ARE_NOT_PROVIDERS);
  }

  /** Removed when the application stops, so a shared log manager keeps no class of ours. */
  static void uninstall() {
    if (PROVIDERS.getFilter() == OUR_RESOURCES_ARE_NOT_PROVIDERS) {
      PROVIDERS.setFilter(null);
    }
  }
}
