package com.taskscheduler.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.taskscheduler.App;
import jakarta.ws.rs.ext.ContextResolver;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The JAX-RS application under {@code /api}: resources built by hand over the App's services. */
final class ApiApplication extends ResourceConfig {

  ApiApplication(App app, String version) {
    // No JAXB on the classpath, so no WADL.
    property(ServerProperties.WADL_FEATURE_DISABLE, true);
    // Jackson's feature would bring exception mappers that answer with parser internals.
    property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    register(JacksonFeature.withoutExceptionMappers());
    register(SseFeature.class);
    register(new ObjectMapperResolver());
    register(new ErrorMapper());

    var config = app.config();
    register(new TaskResource(app.tasks(), config.user(), config.host()));
    register(new RunResource(app.runs(), app.timestamps()));
    register(new NextRunResource(app.nextRuns(), app.timestamps(), app.clock()));
    register(new HeartbeatResource(app.heartbeats()));
    register(new HealthResource(app.database(), version));
  }

  /** One ObjectMapper for every resource. */
  static final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
