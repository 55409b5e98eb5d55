package com.taskscheduler.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** JSON error bodies written by servlet filters, in the same shape as the API's. */
public final class Responses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  public static void json(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json; charset=UTF-8");
    response.setCharacterEncoding("UTF-8");
    MAPPER.writeValue(response.getOutputStream(), Map.of("error", message));
  }
}
