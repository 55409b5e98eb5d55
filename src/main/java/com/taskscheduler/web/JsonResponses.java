package com.taskscheduler.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;

/** Every JSON response says its charset: {@code application/json; charset=UTF-8}. */
final class JsonResponses implements ContainerResponseFilter {
  private static final MediaType JSON_UTF8 =
      MediaType.APPLICATION_JSON_TYPE.withCharset(StandardCharsets.UTF_8.name());

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MediaType type = response.getMediaType();
    if (type == null && response.hasEntity()) {
      return;
    }
    if (type != null
        && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        && !type.getParameters().containsKey(MediaType.CHARSET_PARAMETER)) {
      response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, JSON_UTF8);
    }
  }
}
