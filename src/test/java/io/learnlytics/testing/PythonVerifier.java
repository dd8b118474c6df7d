package io.learnlytics.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs scripts/verify-export.py, the verifier the README gives users, on an export. */
public final class PythonVerifier {
  private PythonVerifier() {}

  /** What the script prints: OK or MISMATCH. */
  public static String verify(Path file) throws IOException, InterruptedException {
    Process p = start("python3", "scripts/verify-export.py", file.toString());
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("verify-export.py did not finish");
    }
    return out;
  }

  private static Process start(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "the export tests run scripts/verify-export.py with python3, which did not start ("
              + e.getMessage()
              + "); install it with: apt-get update && apt-get install -y python3"
              + " (.ci/run does this on CI)",
          e);
    }
  }
}
