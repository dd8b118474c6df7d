package io.learnlytics.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.export.ExportVerifier;
import io.learnlytics.support.Json;
import io.learnlytics.testing.ServerProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of work for a server that is about to be killed: a few clients posting ingest batches
 * back to back, and one client cycling through goal creation, the goals view (which evaluates
 * goals), insight generation and full JSON exports. Ingest wakes the dirty refresher and the goal
 * evaluation that follows it, so all of them are running when {@link #killDuring} strikes.
 */
final class CrashLoad {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = client();
  private final String base;
  private final String round;
  private final long seed;
  private final Queue<Batch> batches;
  private final Queue<String> goals;
  private final CrashTally tally;
  private final Path exports;
  private final Instant now = Instant.now();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<String> problems;
  private final List<Thread> threads = new ArrayList<>();

  /** Batches and acknowledged goal ids go to the shared queues; failures to {@code problems}. */
  CrashLoad(
      int port,
      String round,
      long seed,
      Queue<Batch> batches,
      Queue<String> goals,
      CrashTally tally,
      Path exports,
      List<String> problems) {
    this.base = "http://127.0.0.1:" + port;
    this.round = round;
    this.seed = seed;
    this.batches = batches;
    this.goals = goals;
    this.tally = tally;
    this.exports = exports;
    this.problems = problems;
  }

  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  void start(int ingestClients) {
    for (int c = 0; c < ingestClients; c++) {
      int client = c;
      threads.add(new Thread(() -> ingest(client), "crash-ingest-" + c));
    }
    threads.add(new Thread(this::others, "crash-others"));
    threads.forEach(Thread::start);
  }

  /**
   * Kills the server with SIGKILL while requests are in flight, after noting whether rollup work is
   * pending; then waits for the clients to notice. The requests the kill cut are counted from the
   * errors their clients see.
   */
  void killDuring(ServerProcess server, Path db) throws Exception {
    if (CrashDb.dirtyMarks(db) > 0) {
      tally.killsWithDirtyMarks.incrementAndGet();
    }
    running.set(false); // no new requests: the ones in flight are cut by the kill
    server.kill();
    tally.kills.incrementAndGet();
    for (Thread t : threads) {
      t.join(TIMEOUT.toMillis());
    }
  }

  private void ingest(int client) {
    Random r = new Random(seed * 31 + client);
    for (int n = 0; running.get(); n++) {
      Batch b = Batch.random(round + "c" + client + "b" + n, r, now);
      batches.add(b);
      tally.batches.incrementAndGet();
      tally.events.addAndGet(b.size());
      try {
        send(http, base, b);
      } catch (IOException e) {
        if (running.get()) {
          // Not the kill (it comes after running is cleared): the live server dropped the answer.
          tally.droppedWhileUp.incrementAndGet();
          continue; // the batch is re-sent after the restart like any other lost answer
        }
        cut(e, tally.cutIngest);
        return; // the answer is lost: checked and re-sent after the restart
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Posts {@code b} and records the answer; throws when the connection dies first. */
  static void send(HttpClient http, String base, Batch b) throws IOException, InterruptedException {
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(base + "/api/events"))
            .header("Content-Type", "application/json")
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(b.body))
            .build();
    HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 == 2) {
      JsonNode counts = Json.MAPPER.readTree(answer.body());
      b.answered(
          answer.statusCode(), counts.get("accepted").asLong(), counts.get("duplicates").asLong());
    } else {
      b.answered(answer.statusCode(), 0, 0);
    }
  }

  private void others() {
    Random r = new Random(seed * 31 + 99);
    try {
      for (int n = 0; running.get(); n++) {
        switch (n % 4) {
          case 0 -> createGoal(r, n);
          case 1 -> get("/api/analytics/goals");
          case 2 -> export(n);
          default -> post("/api/analytics/insights/generate");
        }
      }
    } catch (IOException e) {
      // the server died: what it acknowledged is checked after the restart
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Counts a request the kill cut off in {@code counter}; a refused connection (the server was
   * already gone when it started) is no cut request.
   */
  private static void cut(IOException e, AtomicLong counter) {
    if (!(e instanceof ConnectException)) {
      counter.incrementAndGet();
    }
  }

  private void createGoal(Random r, int n) throws IOException, InterruptedException {
    String[] frequencies = {"daily", "weekly", "monthly"};
    String body =
        Json.MAPPER
            .createObjectNode()
            .put("name", "goal " + round + "-" + n)
            .put("target_metric", r.nextBoolean() ? "exchange_count" : "session_count")
            .put("target_value", 1 + r.nextInt(40))
            .put("frequency", frequencies[r.nextInt(3)])
            .toString();
    try {
      HttpResponse<String> answer =
          http.send(
              request("/api/analytics/goals")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 201) {
        goals.add(Json.MAPPER.readTree(answer.body()).get("id").asText());
        tally.goalsCreated.incrementAndGet();
      }
    } catch (IOException e) {
      cut(e, tally.cutGoal);
      throw e;
    }
  }

  /** A full JSON export; one that completes must verify (its checksum covers what it holds). */
  private void export(int n) throws IOException, InterruptedException {
    Path file = exports.resolve(round + "-" + n + ".json");
    try {
      HttpResponse<Path> answer;
      try {
        answer =
            http.send(
                request("/api/analytics/export?format=json&period=all").GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
      } catch (IOException e) {
        cut(e, tally.cutExport);
        throw e;
      }
      if (answer.statusCode() == 200) {
        tally.exportsCompleted.incrementAndGet();
        ExportVerifier.Report report = ExportVerifier.verify(file);
        if (report.ok()) {
          tally.exportsVerified.incrementAndGet();
        } else {
          problems.add("export " + file.getFileName() + " does not verify: " + report.lines());
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void get(String path) throws IOException, InterruptedException {
    try {
      http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      cut(e, tally.cutGoal);
      throw e;
    }
  }

  private void post(String path) throws IOException, InterruptedException {
    try {
      http.send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      cut(e, tally.cutInsights);
      throw e;
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
  }
}
