package io.learnlytics.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code learnlytics serve} in a JVM of its own (same classpath as the tests): for what only a
 * separate process shows — a heap limit, a second server on the same file, a kill.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private final Process process;
  private final StringBuffer output;
  private final int port;

  private ServerProcess(Process process, StringBuffer output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /**
   * Starts {@code serve --db db --port 0 extraArgs} with {@code jvmOptions}; waits until it
   * listens.
   */
  public static ServerProcess start(Path db, List<String> jvmOptions, String... extraArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.learnlytics.cli.Main");
    cmd.addAll(List.of("serve", "--db", db.toString(), "--port", "0", "--timezone", "UTC"));
    cmd.addAll(List.of(extraArgs));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuffer out = new StringBuffer();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                      port.complete(Integer.parseInt(m.group(1)));
                    }
                  }
                } catch (IOException e) {
                  // the process ended
                }
                port.completeExceptionally(new IllegalStateException("server ended:\n" + out));
              },
              "server-output");
      reader.setDaemon(true);
      reader.start();
      // generous: on a shared 2-core machine under load a JVM start has taken over 60 s
      return new ServerProcess(p, out, port.get(180, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the server did not start", e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the server printed so far. */
  public String output() {
    return output.toString();
  }

  /** kill -9: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  @Override
  public void close() {
    process.destroy();
    if (!waitFor()) {
      process.destroyForcibly();
      waitFor();
    }
  }

  private boolean waitFor() {
    try {
      return process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
