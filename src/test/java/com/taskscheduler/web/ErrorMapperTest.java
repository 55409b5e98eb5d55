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
}
