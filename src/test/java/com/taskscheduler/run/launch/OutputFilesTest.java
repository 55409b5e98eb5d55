package com.taskscheduler.run.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

  @TempDir Path temp;

  @Test
  void aSmallFileIsReadWhole() throws Exception {
    Path file = Files.writeString(temp.resolve("1.log"), "hello\nworld\n");
    assertThat(OutputFiles.read(file, 1000)).isEqualTo("hello\nworld\n");
  }

  @Test
  void aLargeFileShowsItsEndAndSaysWhatWasLeftOut() throws Exception {
    Path file = Files.writeString(temp.resolve("2.log"), "0123456789");
    assertThat(OutputFiles.read(file, 4)).isEqualTo("[first 6 bytes not shown]\n6789");
  }

  @Test
  void theTailNeverStartsInsideAMultiByteCharacter() throws Exception {
    Path file = temp.resolve("3.log");
    Files.write(file, "aé€".getBytes(StandardCharsets.UTF_8)); // 1 + 2 + 3 bytes
    assertThat(OutputFiles.read(file, 4)).isEqualTo("[first 3 bytes not shown]\n€");
  }

  @Test
  void aMissingFileIsReportedAsSuch() {
    assertThatThrownBy(() -> OutputFiles.read(temp.resolve("none.log"), 10))
        .isInstanceOf(NoSuchFileException.class);
  }
}
