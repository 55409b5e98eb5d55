package com.taskscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
  private final List<String> problems = new ArrayList<>();

  private Map<String, String> parse(String... lines) {
    return DotEnv.parse(List.of(lines), "/app/.env", problems);
  }

  @Test
  void plainAssignmentsAreTrimmed() {
    assertThat(parse("A=1", "  B = two words  ", "C="))
        .containsOnly(entry("A", "1"), entry("B", "two words"), entry("C", ""));
    assertThat(problems).isEmpty();
  }

  @Test
  void exportPrefixIsAccepted() {
    assertThat(parse("export TASK_SCHEDULER_ENV=dev"))
        .containsOnly(entry("TASK_SCHEDULER_ENV", "dev"));
  }

  @Test
  void commentsAndBlankLinesAreSkipped() {
    assertThat(parse("# a comment", "", "   ", "  # indented comment", "A=1 # trailing comment"))
        .containsOnly(entry("A", "1"));
    assertThat(problems).isEmpty();
  }

  @Test
  void hashInsideAnUnquotedWordIsPartOfTheValue() {
    assertThat(parse("PW=abc#def")).containsOnly(entry("PW", "abc#def"));
  }

  @Test
  void singleQuotesAreStrippedAndKeepEverythingLiterally() {
    assertThat(parse("A='  x # y \\n z  '  # comment")).containsOnly(entry("A", "  x # y \\n z  "));
  }

  @Test
  void doubleQuotesAreStrippedAndUnderstandEscapes() {
    assertThat(parse("A=\"line1\\nline2 \\\"quoted\\\" back\\\\slash\""))
        .containsOnly(entry("A", "line1\nline2 \"quoted\" back\\slash"));
  }

  @Test
  void equalsSignsInTheValueAreKept() {
    assertThat(parse("URL=jdbc:sqlserver://h;databaseName=x;encrypt=false"))
        .containsOnly(entry("URL", "jdbc:sqlserver://h;databaseName=x;encrypt=false"));
  }

  @Test
  void laterLinesWin() {
    assertThat(parse("A=1", "A=2")).containsOnly(entry("A", "2"));
  }

  @Test
  void malformedLinesAreReportedWithFileAndLineNumberButNotTheirContent() {
    Map<String, String> values =
        parse(
            "A=1",
            "this is not an assignment",
            "B=\"unterminated secretpw",
            "=nokey",
            "C='x' trailing",
            "D=2");

    assertThat(values).containsOnly(entry("A", "1"), entry("D", "2"));
    assertThat(problems)
        .hasSize(4)
        .allSatisfy(
            p ->
                assertThat(p)
                    .startsWith("/app/.env: line ")
                    .contains("malformed")
                    .doesNotContain("secretpw"));
    assertThat(problems.get(0)).startsWith("/app/.env: line 2 ");
    assertThat(problems.get(1)).startsWith("/app/.env: line 3 ");
    assertThat(problems.get(2)).startsWith("/app/.env: line 4 ");
    assertThat(problems.get(3)).startsWith("/app/.env: line 5 ");
  }

  @Test
  void missingFileHasNoSettings(@TempDir Path dir) {
    assertThat(DotEnv.read(dir.resolve(".env"), problems)).isEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void fileIsReadAsUtf8WithOrWithoutByteOrderMark(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(file, "\uFEFFA=ü\r\nB=2\n", StandardCharsets.UTF_8);

    assertThat(DotEnv.read(file, problems)).containsOnly(entry("A", "ü"), entry("B", "2"));
    assertThat(problems).isEmpty();
  }
}
