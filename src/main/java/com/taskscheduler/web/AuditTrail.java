package com.taskscheduler.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskscheduler.audit.AuditLog;
import com.taskscheduler.auth.Actors;
import jakarta.servlet.http.HttpServletRequest;

/** Records an API action with who made it and from where. */
final class AuditTrail {
  private final AuditLog log;
  private final ObjectMapper mapper;

  AuditTrail(AuditLog log, ObjectMapper mapper) {
    this.log = log;
    this.mapper = mapper;
  }

  void record(
      HttpServletRequest request, String operation, String target, Object before, Object after) {
    log.record(
        Actors.of(request), Actors.client(request), operation, target, json(before), json(after));
  }

  private String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
