package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.taskscheduler.scheduler.SchedulerControl;
import com.taskscheduler.scheduler.SchedulerControl.Event;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Server-sent events of the scheduler's status, log lines and run starts and ends, so the dashboard
 * need not poll. Event names: {@code status}, {@code log}, {@code run-started}, {@code run-ended};
 * data is JSON.
 */
@Path("/events")
public final class EventsResource implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventsResource.class.getName());

  /** A comment line this often keeps proxies from closing a quiet stream and finds dead clients. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(25);

  private final SchedulerControl scheduler;
  private final SchedulerResource formats;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "task-scheduler-events-keepalive");
            thread.setDaemon(true);
            return thread;
          });

  EventsResource(SchedulerControl scheduler, SchedulerResource formats) {
    this.scheduler = scheduler;
    this.formats = formats;
    long seconds = KEEP_ALIVE.toSeconds();
    keepAlive.scheduleWithFixedDelay(this::ping, seconds, seconds, TimeUnit.SECONDS);
  }

  private void ping() {
    for (Stream stream : streams) {
      stream.ping();
    }
  }

  record RunEvent(
      @JsonProperty("ID") int runId,
      @JsonProperty("TaskID") int taskId,
      @JsonProperty("ScriptFile") String scriptFile,
      @JsonProperty("Status") String status) {}

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
    SchedulerControl control = SchedulerResource.require(scheduler);
    Stream stream = new Stream(sink, sse);
    streams.add(stream);
    // The current status first, so a new page shows it without another request.
    stream.send(new Event.StatusChanged(control.status()));
    AutoCloseable handle = control.subscribe(stream::send);
    stream.subscription = handle;
    if (!streams.contains(stream) || sink.isClosed()) {
      // Closed while subscribing: close() may have missed the handle.
      stream.close();
      try {
        handle.close();
      } catch (Exception e) {
        LOG.fine("Closing an event subscription failed: " + e);
      }
    }
  }

  /** Ends every open stream; called when the application stops. */
  @Override
  public void close() {
    keepAlive.shutdownNow();
    for (Stream stream : streams) {
      stream.close();
    }
  }

  private final class Stream {
    private final SseEventSink sink;
    private final Sse sse;
    private volatile AutoCloseable subscription;

    Stream(SseEventSink sink, Sse sse) {
      this.sink = sink;
      this.sse = sse;
    }

    void send(Event event) {
      send(outbound(event));
    }

    void ping() {
      send(sse.newEventBuilder().comment("keep-alive").build());
    }

    private void send(OutboundSseEvent outbound) {
      if (sink.isClosed()) {
        close();
        return;
      }
      try {
        sink.send(outbound)
            .whenComplete(
                (ignored, failure) -> {
                  if (failure != null) {
                    close();
                  }
                });
      } catch (RuntimeException e) {
        close();
      }
    }

    private OutboundSseEvent outbound(Event event) {
      String name;
      Object data;
      if (event instanceof Event.StatusChanged changed) {
        name = "status";
        data = formats.dto(changed.status());
      } else if (event instanceof Event.LogAppended appended) {
        name = "log";
        data = formats.dto(appended.line());
      } else if (event instanceof Event.RunStarted started) {
        name = "run-started";
        data = new RunEvent(started.runId(), started.taskId(), started.scriptFile(), "Run");
      } else {
        Event.RunEnded ended = (Event.RunEnded) event;
        name = "run-ended";
        data = new RunEvent(ended.runId(), ended.taskId(), ended.scriptFile(), ended.status());
      }
      return sse.newEventBuilder()
          .name(name)
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(data)
          .build();
    }

    void close() {
      if (!streams.remove(this)) {
        return;
      }
      AutoCloseable handle = subscription;
      try {
        if (handle != null) {
          handle.close();
        }
      } catch (Exception e) {
        LOG.fine("Closing an event subscription failed: " + e);
      }
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.fine("Closing an event stream failed: " + e);
      }
    }
  }
}
