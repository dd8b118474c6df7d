package io.learnlytics.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnlytics.cache.ResponseCache.Policy;
import io.learnlytics.support.ApiException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At most N uncached answers are computed at once; the rest wait, or get a 503 in the end. */
class ComputeGateTest {
  static final Policy POLICY = new Policy(Duration.ofSeconds(10), Duration.ofSeconds(5));

  final ExecutorService pool = Executors.newFixedThreadPool(8);
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void eight_different_misses_compute_at_most_two_at_a_time_and_all_get_answers() throws Exception {
    ResponseCache cache =
        new ResponseCache(
            System::nanoTime, Runnable::run, new ComputeGate(2, Duration.ofSeconds(10)));
    List<Future<byte[]>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Map<String, String> params = Map.of("limit", Integer.toString(i));
      answers.add(pool.submit(() -> cache.get("/topics", params, POLICY, this::slowAnswer)));
    }
    for (Future<byte[]> a : answers) {
      assertThat(a.get(10, TimeUnit.SECONDS)).isNotEmpty();
    }
    assertThat(peak).hasValue(2);
    assertThat(cache.size()).isEqualTo(8);
  }

  @Test
  void a_request_that_waits_too_long_gets_a_503_and_the_gate_stays_usable() throws Exception {
    ComputeGate gate = new ComputeGate(1, Duration.ofMillis(50));
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> holder = pool.submit(() -> gate.run(() -> awaitThen(release, 1)));
    while (running.get() == 0) {
      Thread.sleep(5);
    }

    assertThatThrownBy(() -> gate.run(() -> 2))
        .isInstanceOfSatisfying(
            ApiException.Unavailable.class, e -> assertThat(e.status()).isEqualTo(503));
    release.countDown();
    assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(gate.run(() -> 3)).isEqualTo(3);
  }

  @Test
  void an_interrupted_wait_is_a_503_and_keeps_the_interrupt() {
    ComputeGate gate = new ComputeGate(0, Duration.ofSeconds(10));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> gate.run(() -> 1)).isInstanceOf(ApiException.Unavailable.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private Object slowAnswer() {
    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.decrementAndGet();
    }
    return Map.of("value", 1);
  }

  private int awaitThen(CountDownLatch latch, int value) {
    running.incrementAndGet();
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return value;
  }
}
