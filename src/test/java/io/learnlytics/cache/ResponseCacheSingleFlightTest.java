package io.learnlytics.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.cache.ResponseCache.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent misses of one key: the load benchmark found 50 clients computing the same dashboard
 * answer 50 times after every ingest commit emptied the cache (a thundering herd).
 */
class ResponseCacheSingleFlightTest {
  static final String OVERVIEW = "/api/analytics/overview";
  static final Policy POLICY = new Policy(Duration.ofSeconds(10), Duration.ofSeconds(5));
  static final Map<String, String> P7 = Map.of("period", "7d");
  static final int CLIENTS = 16;

  final ResponseCache cache = new ResponseCache(System::nanoTime, Runnable::run);
  final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A computation that blocks until released, so every client misses while it runs. */
  final Supplier<Object> slow =
      () -> {
        calls.incrementAndGet();
        await(release);
        return Map.of("value", 1);
      };

  @Test
  void concurrent_misses_of_one_key_compute_it_once_and_all_get_the_answer() throws Exception {
    List<Future<byte[]>> answers = startClients(slow);
    waitUntil(() -> cache.misses() == CLIENTS); // every client missed while one computes
    release.countDown();

    for (Future<byte[]> a : answers) {
      assertThat(new String(a.get(10, TimeUnit.SECONDS), "UTF-8")).contains("\"value\":1");
    }
    assertThat(calls).hasValue(1);
    assertThat(cache.misses()).isEqualTo(CLIENTS);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void a_failed_computation_fails_every_waiting_request_and_is_not_stored() throws Exception {
    Supplier<Object> failing =
        () -> {
          calls.incrementAndGet();
          await(release);
          throw new IllegalStateException("database gone");
        };
    List<Future<byte[]>> answers = startClients(failing);
    waitUntil(() -> cache.joined() == CLIENTS - 1);
    release.countDown();

    for (Future<byte[]> a : answers) {
      try {
        a.get(10, TimeUnit.SECONDS);
        throw new AssertionError("expected a failure");
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).hasMessage("database gone");
      }
    }
    assertThat(calls).hasValue(1);
    assertThat(cache.size()).isZero();
  }

  @Test
  void a_request_after_an_invalidation_does_not_join_a_computation_started_before_it()
      throws Exception {
    Future<byte[]> early = pool.submit(() -> cache.get(OVERVIEW, P7, POLICY, slow));
    waitUntil(() -> calls.get() == 1);
    cache.invalidate(); // new events committed while the first computation runs

    byte[] late = cache.get(OVERVIEW, P7, POLICY, () -> Map.of("value", 2));
    release.countDown();

    assertThat(new String(late, "UTF-8")).contains("\"value\":2");
    assertThat(new String(early.get(10, TimeUnit.SECONDS), "UTF-8")).contains("\"value\":1");
    assertThat(cache.joined()).isZero();
    assertThat(new String(cache.get(OVERVIEW, P7, POLICY, slow), "UTF-8")).contains("\"value\":2");
  }

  private List<Future<byte[]>> startClients(Supplier<Object> compute) {
    List<Future<byte[]>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      answers.add(pool.submit(() -> cache.get(OVERVIEW, P7, POLICY, compute)));
    }
    return answers;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
