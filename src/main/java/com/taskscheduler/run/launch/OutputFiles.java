package com.taskscheduler.run.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads run output files for the dashboard. */
public final class OutputFiles {

  /** Larger reads would only serve to exhaust the heap of the dashboard. */
  public static final long MAX_READ_BYTES = 16L * 1024 * 1024;

  private OutputFiles() {}

  /**
   * The last {@code maxBytes} bytes of the file as UTF-8 (invalid bytes become U+FFFD). The end is
   * what matters in a log: the error, the exit, the truncation note. When bytes are left out the
   * text starts with a line saying how many.
   *
   * @throws java.nio.file.NoSuchFileException the file does not exist (yet)
   */
  public static String read(Path file, long maxBytes) throws IOException {
    long limit = Math.max(0, Math.min(maxBytes, MAX_READ_BYTES));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = Math.max(0, size - limit);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
      long position = start;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, position);
        if (n < 0) {
          break; // the file shrank meanwhile
        }
        position += n;
      }
      buffer.flip();
      int skipped = 0;
      if (start > 0) {
        // Do not start in the middle of a multi-byte character.
        while (skipped < 3
            && buffer.hasRemaining()
            && (buffer.get(buffer.position()) & 0xC0) == 0x80) {
          buffer.get();
          skipped++;
        }
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(buffer)
              .toString();
      long omitted = start + skipped;
      return omitted == 0 ? text : "[first " + omitted + " bytes not shown]\n" + text;
    }
  }
}
