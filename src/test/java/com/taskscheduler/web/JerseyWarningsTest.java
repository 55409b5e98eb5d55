package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JerseyWarningsTest {
  private static final Logger RESPONDER =
      Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

  /** Named as Tomcat names it: the filter goes by the container's class name. */
  static final class ClientAbortException extends IOException {
    ClientAbortException(Throwable cause) {
      super(cause);
    }
  }

  @BeforeEach
  void install() {
    JerseyWarnings.install();
  }

  @AfterEach
  void uninstall() {
    JerseyWarnings.uninstall();
  }

  @Test
  void aClientThatWentAwayMidResponseIsNotLoggedAsSevere() {
    LogRecord abort = new LogRecord(Level.SEVERE, "An I/O error has occurred");
    abort.setThrown(new RuntimeException(new ClientAbortException(new IOException("Broken pipe"))));
    LogRecord real = new LogRecord(Level.SEVERE, "An I/O error has occurred");
    real.setThrown(new IOException("disk full"));

    assertThat(RESPONDER.getFilter().isLoggable(abort)).isFalse();
    assertThat(RESPONDER.getFilter().isLoggable(real)).isTrue();
  }

  @Test
  void theFiltersAreRemovedWhenTheApplicationStops() {
    assertThat(RESPONDER.getFilter()).isNotNull();
    JerseyWarnings.uninstall();
    assertThat(RESPONDER.getFilter()).isNull();
  }
}
