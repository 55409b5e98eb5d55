package com.taskscheduler.web;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Two kinds of Jersey log records that would send an operator looking for a fault that is not
 * there, dropped exactly and nothing else:
 *
 * <ul>
 *   <li>Jersey reports resources registered as instances as "providers that will be ignored"
 *       (Jersey issue 3700), although it serves them as resources: nine warnings at every start.
 *   <li>A client that closes its connection while a response is written (a browser reload, a load
 *       tool stopping) makes Jersey's responder log SEVERE with a full stack trace; the container
 *       already said the client went away. Logged at FINE instead, as {@link ErrorMapper} does.
 * </ul>
 */
final class JerseyWarnings {
  private static final Logger LOG = Logger.getLogger(JerseyWarnings.class.getName());

  private static final Logger PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");
  private static final Logger RESPONDER =
      Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

  private static final Filter OUR_RESOURCES_ARE_NOT_PROVIDERS =
      record -> {
        String message = String.valueOf(record.getMessage());
        return !(message.contains("com.taskscheduler.web.")
            && message.contains("does not implement any provider interfaces"));
      };

  private static final Filter CLIENT_GONE_IS_NOT_AN_ERROR =
      record -> {
        if (record.getThrown() == null || !ErrorMapper.isClientGone(record.getThrown())) {
          return true;
        }
        LOG.fine(() -> "Client went away while a response was written: " + record.getThrown());
        return false;
      };

  private JerseyWarnings() {}

  static void install() {
    PROVIDERS.setFilter(OUR_RESOURCES_ARE_NOT_PROVIDERS);
    RESPONDER.setFilter(CLIENT_GONE_IS_NOT_AN_ERROR);
  }

  /** Removed when the application stops, so a shared log manager keeps no class of ours. */
  static void uninstall() {
    if (PROVIDERS.getFilter() == OUR_RESOURCES_ARE_NOT_PROVIDERS) {
      PROVIDERS.setFilter(null);
    }
    if (RESPONDER.getFilter() == CLIENT_GONE_IS_NOT_AN_ERROR) {
      RESPONDER.setFilter(null);
    }
  }
}
