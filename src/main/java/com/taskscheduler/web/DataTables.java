package com.taskscheduler.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The request side of the DataTables server-side protocol ({@code draw}, {@code start}, {@code
 * length}, {@code search[value]}, {@code order[0][column]} + {@code columns[i][data]}, {@code
 * order[0][dir]}), also accepting the simpler {@code orderBy} + {@code dir}.
 */
record DataTables(int draw, int start, int length, String search, String orderBy, boolean asc) {
  static final int MAX_LENGTH = 1000;
  static final int MAX_SEARCH = 255;

  /** The response body of the protocol. */
  record Response<T>(
      @JsonProperty("draw") int draw,
      @JsonProperty("recordsTotal") long recordsTotal,
      @JsonProperty("recordsFiltered") long recordsFiltered,
      @JsonProperty("data") List<T> data) {}

  /** Empty when the request uses none of the protocol's parameters (the legacy plain list). */
  static Optional<DataTables> parse(MultivaluedMap<String, String> query, Set<String> sortable) {
    if (!query.containsKey("draw") && !query.containsKey("start") && !query.containsKey("length")) {
      return Optional.empty();
    }
    int draw = Params.intParam("draw", query.getFirst("draw"), 0, 0, Integer.MAX_VALUE);
    int start = Params.intParam("start", query.getFirst("start"), 0, 0, Integer.MAX_VALUE);
    // DataTables sends length=-1 for "all"; we cap it.
    String rawLength = query.getFirst("length");
    int length =
        "-1".equals(rawLength == null ? null : rawLength.trim())
            ? MAX_LENGTH
            : Params.intParam("length", rawLength, 25, 1, MAX_LENGTH);
    String search = query.getFirst("search[value]");
    if (search == null) {
      search = query.getFirst("search");
    }
    search = search == null || search.isBlank() ? null : search.trim();
    if (search != null && search.length() > MAX_SEARCH) {
      throw ApiError.badRequest("search[value]", "must be at most " + MAX_SEARCH + " characters");
    }
    String orderBy = query.getFirst("orderBy");
    String dirParam = "dir";
    if (query.containsKey("order[0][column]")) {
      int column =
          Params.intParam("order[0][column]", query.getFirst("order[0][column]"), 0, 0, 1000);
      orderBy = query.getFirst("columns[" + column + "][data]");
      if (orderBy == null) {
        throw ApiError.badRequest("order[0][column]", "names no column (columns[i][data])");
      }
      dirParam = "order[0][dir]";
    }
    String orderField = dirParam.equals("dir") ? "orderBy" : "columns[i][data]";
    if (orderBy != null && !orderBy.isBlank() && !sortable.contains(orderBy.trim())) {
      throw ApiError.badRequest(
          orderField, "can sort only by one of " + sortable.stream().sorted().toList());
    }
    String dir = query.getFirst(dirParam);
    boolean asc = false;
    if (dir != null && !dir.isBlank()) {
      switch (dir.trim().toLowerCase(Locale.ROOT)) {
        case "asc" -> asc = true;
        case "desc" -> asc = false;
        default -> throw ApiError.badRequest(dirParam, "must be asc or desc");
      }
    }
    return Optional.of(
        new DataTables(
            draw,
            start,
            length,
            search,
            orderBy == null || orderBy.isBlank() ? null : orderBy.trim(),
            asc));
  }
}
