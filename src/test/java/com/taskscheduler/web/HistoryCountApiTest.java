package com.taskscheduler.web;

import static com.taskscheduler.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskscheduler.bench.HistoryBench;
import com.taskscheduler.testing.TestDatabases;
import com.taskscheduler.testing.TestDatabases.Kind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/logs} as a DataTables page says how far its counts can be trusted: matches are
 * counted exactly up to 1,000, then estimated (PostgreSQL) or given as a lower bound.
 */
class HistoryCountApiTest {
  @TempDir Path home;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSearchMatchingMoreThanTheCapIsReportedAsAnEstimateOrALowerBound(Kind kind)
      throws Exception {
    try (ApiFixture api = new ApiFixture(home, kind, Map.of())) {
      HistoryBench.insert(TestDatabases.dataSource(api.url), 1100);

      JsonNode all = json(api.get("/api/logs?draw=1&start=0&length=25"));
      assertThat(all.get("recordsTotal").asLong()).isEqualTo(1100);
      assertThat(all.get("recordsFiltered").asLong()).isEqualTo(1100);
      assertThat(all.get("recordsTotalAccuracy").asText()).isEqualTo("exact");
      assertThat(all.get("recordsFilteredAccuracy").asText()).isEqualTo("exact");

      JsonNode many = json(api.get("/api/logs?draw=2&start=0&length=25&search%5Bvalue%5D=JOB"));
      assertThat(many.get("data")).hasSize(25);
      assertThat(many.get("recordsTotal").asLong()).isEqualTo(1100);
      assertThat(many.get("recordsTotalAccuracy").asText()).isEqualTo("exact");
      assertThat(many.get("recordsFiltered").asLong()).isGreaterThanOrEqualTo(1001);
      assertThat(many.get("recordsFilteredAccuracy").asText())
          .isEqualTo(kind == Kind.H2 ? "atLeast" : "estimate");
      if (kind == Kind.H2) {
        assertThat(many.get("recordsFiltered").asLong()).isEqualTo(1001);
      }

      JsonNode last = json(api.get("/api/logs?draw=3&start=1090&length=25&search%5Bvalue%5D=JOB"));
      assertThat(last.get("data")).hasSize(10);
      assertThat(last.get("recordsFiltered").asLong()).isEqualTo(1100);
      assertThat(last.get("recordsFilteredAccuracy").asText()).isEqualTo("exact");

      JsonNode few = json(api.get("/api/logs?draw=4&start=0&length=25&status=failed"));
      assertThat(few.get("recordsFiltered").asLong()).isEqualTo(55);
      assertThat(few.get("recordsFilteredAccuracy").asText()).isEqualTo("exact");

      // The legacy plain list is unchanged: an array of rows.
      assertThat(json(api.get("/api/logs?limit=3")).isArray()).isTrue();
    }
  }
}
