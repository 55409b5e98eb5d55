package com.taskscheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  @Test
  void aClientThatHangsUpMidResponseIsNotLoggedAsAnUnexpectedFailure() {
    Logger logger = Logger.getLogger(ErrorMapper.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      // As Jersey hands it over when writing a large body to a client that went away.
      var failure = new RuntimeException(new ClientAbortException(new IOException("Broken pipe")));
      new ErrorMapper().toResponse(failure);
      new ErrorMapper().toResponse(new IllegalStateException("a real bug"));
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(records)
        .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .extracting(LogRecord::getMessage)
        .containsExactly("Unexpected failure");
  }

  @Test
  void aStatementCancelledAtTheQueryTimeoutIsA503NotA500() {
    var h2 = new jakarta.persistence.PersistenceException(new java.sql.SQLTimeoutException("slow"));
    var postgres =
        new jakarta.persistence.PersistenceException(
            new java.sql.SQLException("canceling statement due to user request", "57014"));
    var sqlServer =
        new jakarta.persistence.PersistenceException(
            new java.sql.SQLException("The query has timed out.", "HY008"));

    for (var failure : List.of(h2, postgres, sqlServer)) {
      assertThat(new ErrorMapper().toResponse(failure).getStatus()).isEqualTo(503);
    }
    assertThat(
            new ErrorMapper()
                .toResponse(
                    new jakarta.persistence.PersistenceException(
                        new java.sql.SQLException("syntax", "42000")))
                .getStatus())
        .isEqualTo(500);
  }
}
