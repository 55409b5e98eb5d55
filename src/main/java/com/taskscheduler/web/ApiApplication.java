package com.taskscheduler.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.taskscheduler.App;
import com.taskscheduler.audit.AuditLog;
import com.taskscheduler.run.RunHistory;
import com.taskscheduler.run.RunStats;
import com.taskscheduler.scheduler.SchedulerControl;
import jakarta.ws.rs.ext.ContextResolver;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The JAX-RS application under {@code /api}: resources built by hand over the App's services. */
final class ApiApplication extends ResourceConfig {
  private final EventsResource events;

  /**
   * @param scheduler the in-process scheduler; null where none runs (its endpoints answer 503)
   */
  ApiApplication(App app, SchedulerControl scheduler, AuditLog auditLog, String version) {
    // No JAXB on the classpath, so no WADL.
    property(ServerProperties.WADL_FEATURE_DISABLE, true);
    // Jackson's feature would bring exception mappers that answer with parser internals.
    property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    // Errors are ours (ErrorMapper), never the container's HTML page.
    property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    register(JacksonFeature.withoutExceptionMappers());
    register(SseFeature.class);
    ObjectMapperResolver mappers = new ObjectMapperResolver();
    register(mappers);
    register(new ErrorMapper());
    register(new JsonResponses());
    register(new BodyLimit());

    var config = app.config();
    AuditTrail audit = new AuditTrail(auditLog, mappers.mapper);
    SchedulerResource schedulerResource = new SchedulerResource(scheduler, app.timestamps(), audit);
    events = new EventsResource(scheduler, schedulerResource);
    register(
        new TaskResource(
            app.tasks(), config, app.timestamps(), app.clock(), scheduler, audit, mappers.mapper));
    register(
        new RunResource(
            app.runs(),
            new RunHistory(app.database()),
            app.timestamps(),
            config.outputDir(),
            scheduler,
            audit));
    register(new NextRunResource(app.nextRuns(), app.timestamps(), app.clock()));
    register(new HeartbeatResource(app.heartbeats()));
    register(new HealthResource(app.database(), version));
    register(schedulerResource);
    register(events);
    register(new AuditResource(auditLog, app.timestamps()));
    register(
        new StatsResource(
            app.tasks(),
            app.nextRuns(),
            new RunStats(app.database()),
            app.timestamps(),
            app.clock()));
    register(new SessionResource(config.loginRequired()));
    register(new SchedulePreviewResource(config.zone(), app.timestamps(), app.clock()));
    register(new OpenApiResource());
  }

  /** Ends the open event streams; called when the application stops. */
  void closeStreams() {
    events.close();
  }

  /** One ObjectMapper for every resource. */
  static final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
    final ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
