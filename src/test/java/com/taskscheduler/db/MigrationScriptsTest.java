package com.taskscheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL Server cannot run here, so its scripts are checked as text for the mistakes that would hurt
 * the Python tool: a unique index on a legacy table rejects its rows (they leave our columns NULL,
 * and SQL Server counts NULLs as equal), and a filtered index makes SQL Server refuse every insert
 * into that table from a session with QUOTED_IDENTIFIER OFF.
 */
class MigrationScriptsTest {
  private static final Path SQLSERVER = Path.of("src/main/resources/db/migration/sqlserver");
  private static final Pattern INDEX =
      Pattern.compile(
          "CREATE\\s+(UNIQUE\\s+)?(?:NONCLUSTERED\\s+)?INDEX\\s+\\w+\\s+ON\\s+(?:dbo\\.)?(\\w+)\\s*\\([^)]*\\)([^;]*);",
          Pattern.CASE_INSENSITIVE);

  @Test
  void noSqlServerMigrationPutsAUniqueOrFilteredIndexOnALegacyTable() throws IOException {
    int indexes = 0;
    for (Path script : scripts()) {
      Matcher index = INDEX.matcher(Files.readString(script));
      while (index.find()) {
        indexes++;
        String table = index.group(2);
        if (Migrations.LEGACY_TABLES.stream().anyMatch(table::equalsIgnoreCase)) {
          assertThat(index.group(1)).as(script + ": unique index on " + table).isNull();
          assertThat(index.group(3).toUpperCase(Locale.ROOT))
              .as(script + ": filtered index on " + table)
              .doesNotContain("WHERE");
        }
      }
    }
    assertThat(indexes).as("indexes found in the scripts").isGreaterThan(10);
  }

  @Test
  void everySqlServerScriptNamesSchemaDbo() throws IOException {
    for (Path script : scripts()) {
      String sql = Files.readString(script);
      Matcher created =
          Pattern.compile("CREATE\\s+TABLE\\s+(\\S+)", Pattern.CASE_INSENSITIVE).matcher(sql);
      while (created.find()) {
        assertThat(created.group(1)).as(script.toString()).startsWith("dbo.");
      }
    }
  }

  private static List<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.list(SQLSERVER)) {
      List<Path> scripts = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
      assertThat(scripts).hasSizeGreaterThanOrEqualTo(5);
      return scripts;
    }
  }
}
