package io.learnlytics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FollowUpJobsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void closeLetsTheRunningEvaluationFinishWithoutInterrupting() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    Runnable slowGoals =
        () -> {
          started.countDown();
          try {
            Thread.sleep(400);
            finished.set(true);
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
        };
    FollowUpJobs jobs = new FollowUpJobs(slowGoals, () -> {}, CLOCK).start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    jobs.close();

    assertThat(interrupted).isFalse();
    assertThat(finished).isTrue();
  }

  @Test
  void closeDropsRunsStillWaiting() throws Exception {
    AtomicInteger insightRuns = new AtomicInteger();
    CountDownLatch firstDone = new CountDownLatch(1);
    FollowUpJobs jobs =
        new FollowUpJobs(
                () -> {},
                () -> {
                  insightRuns.incrementAndGet();
                  firstDone.countDown();
                },
                CLOCK)
            .start();
    assertThat(firstDone.await(5, TimeUnit.SECONDS)).isTrue();
    jobs.afterChange(); // due after the 1 s debounce

    long t0 = System.nanoTime();
    jobs.close();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(900);
    Thread.sleep(FollowUpJobs.DEBOUNCE.toMillis() + 300);
    assertThat(insightRuns).hasValue(1);
  }
}
