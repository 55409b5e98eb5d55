package com.taskscheduler.run.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies a run's merged stdout/stderr into its output file until end of stream. Beyond the cap it
 * keeps reading and discards: a child blocked on a full pipe would never finish. Each chunk goes
 * straight to the file (no buffer) so the dashboard can show output while the script runs.
 */
final class OutputDrain implements Runnable {

  private static final Logger LOG = Logger.getLogger(OutputDrain.class.getName());

  private final InputStream in;
  private final OutputStream file;
  private final long cap;
  private final String what;
  private final CompletableFuture<Boolean> finished = new CompletableFuture<>();
  private volatile boolean truncated;

  OutputDrain(InputStream in, OutputStream file, long cap, String what) {
    this.in = in;
    this.file = file;
    this.cap = cap;
    this.what = what;
  }

  /** Completes with "was truncated" once the stream reached its end and the file is closed. */
  CompletableFuture<Boolean> finished() {
    return finished;
  }

  boolean truncated() {
    return truncated;
  }

  static String truncationNote(long cap) {
    return "[output truncated after " + cap + " bytes]\n";
  }

  @Override
  public void run() {
    byte[] buffer = new byte[64 * 1024];
    long written = 0;
    int lastByte = '\n';
    boolean fileBroken = false;
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int keep = (int) Math.min(n, cap - written);
        if (keep < n) {
          truncated = true;
        }
        if (keep > 0 && !fileBroken) {
          try {
            file.write(buffer, 0, keep);
            written += keep;
            lastByte = buffer[keep - 1];
          } catch (IOException e) {
            // Go on reading: the child must not block because our disk is full.
            fileBroken = true;
            LOG.log(Level.WARNING, "Cannot write output of " + what + "; discarding the rest", e);
          }
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "Output stream of " + what + " closed early", e);
    } finally {
      closeFile(lastByte, fileBroken);
      finished.complete(truncated);
    }
  }

  private void closeFile(int lastByte, boolean fileBroken) {
    try (file) {
      if (truncated && !fileBroken) {
        String note = (lastByte == '\n' ? "" : "\n") + truncationNote(cap);
        file.write(note.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot finish output file of " + what, e);
    }
  }
}
