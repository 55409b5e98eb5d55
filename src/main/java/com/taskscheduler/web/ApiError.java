package com.taskscheduler.web;

import jakarta.ws.rs.core.Response.Status;

/** A failure the client caused or should know about; rendered as {@code {"error": ...}}. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Status status;

  ApiError(Status status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiError badRequest(String field, String problem) {
    return new ApiError(Status.BAD_REQUEST, field + ": " + problem);
  }

  static ApiError notFound(String what) {
    return new ApiError(Status.NOT_FOUND, what + " not found");
  }

  Status status() {
    return status;
  }
}
