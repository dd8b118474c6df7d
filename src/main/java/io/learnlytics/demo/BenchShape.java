package io.learnlytics.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The histories benchmarks run on. Real learners' logs differ from the demo's, so every benchmark
 * target is measured on each shape and the worst one counts:
 *
 * <ul>
 *   <li>{@code long-sessions}: the demo history (few, long sessions at usual hours), in UTC.
 *   <li>{@code short-sessions}: a voice assistant's use — sessions of 3–12 exchanges starting every
 *       5–40 minutes around the clock, 40 topics, one per exchange, in UTC.
 *   <li>{@code many-topics}: the same rhythm with 500 topics, 1–5 per exchange.
 *   <li>{@code new-york}: short sessions in America/New_York (two DST changes a year) with the
 *       learning day starting at 04:00.
 * </ul>
 *
 * Each generates about {@code exchanges} exchanges, a quality score for 86 % of them and feedback
 * for 27 %, in time order, reproducibly (seeded {@link Random}).
 */
public enum BenchShape {
  LONG_SESSIONS(ZoneOffset.UTC, 0, 0, 0, 0),
  SHORT_SESSIONS(ZoneOffset.UTC, 0, 40, 1, 1),
  MANY_TOPICS(ZoneOffset.UTC, 0, 500, 1, 5),
  NEW_YORK(ZoneId.of("America/New_York"), 4, 40, 1, 1);

  private static final String[] FEEDBACK = {
    "thumbs_up",
    "thumbs_up",
    "copy",
    "thumbs_down",
    "rating",
    "correction",
    "clarification",
    "follow_up",
    "share"
  };

  /** The learner's zone and day-start hour the shape is generated and measured in. */
  public final ZoneId zone;

  public final int dayStartHour;
  private final int topics;
  private final int minTopics;
  private final int maxTopics;

  BenchShape(ZoneId zone, int dayStartHour, int topics, int minTopics, int maxTopics) {
    this.zone = zone;
    this.dayStartHour = dayStartHour;
    this.topics = topics;
    this.minTopics = minTopics;
    this.maxTopics = maxTopics;
  }

  /** {@code short-sessions} for SHORT_SESSIONS. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static BenchShape of(String id) {
    for (BenchShape s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown shape '"
            + id
            + "'; shapes are long-sessions, short-sessions, many-topics, new-york");
  }

  /** Streams about {@code exchanges} exchanges with their scores and feedback, in time order. */
  public void generate(long exchanges, Consumer<ObjectNode> sink) {
    if (this == LONG_SESSIONS) {
      int days = 1825;
      new DemoGenerator(
              new DemoOptions(7, days, LocalDate.of(2026, 6, 30), zone, (double) exchanges / days))
          .generate(sink);
      return;
    }
    Random random = new Random(11);
    EventFactory events = new EventFactory(zone);
    String[] names = new String[topics];
    for (int i = 0; i < topics; i++) {
      names[i] = String.format(Locale.ROOT, "topic %03d", i);
    }
    // Sessions of 7.5 exchanges on average start 5-40 minutes apart (later if the last one ran
    // longer): about 23.5 minutes on average, so start early enough to end by mid-2026.
    long sessions = exchanges * 2 / 15;
    long t =
        LocalDate.of(2026, 6, 30).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
            - sessions * 24L * 60_000;
    String[] chosen = new String[maxTopics];
    while (events.exchangeCount() < exchanges) {
      String session = events.nextSessionId();
      int length = 3 + random.nextInt(10);
      long at = t;
      for (int i = 0; i < length && events.exchangeCount() < exchanges; i++) {
        int count = minTopics + random.nextInt(maxTopics - minTopics + 1);
        for (int k = 0; k < count; k++) {
          chosen[k] = names[skewed(random, topics)];
        }
        String id = events.nextExchangeId();
        long duration = 2_000L + random.nextInt(28_000);
        sink.accept(
            events.exchange(
                id,
                session,
                at,
                "question " + id,
                "answer " + id,
                duration,
                chosen,
                count,
                "speaker",
                "tutor-1"));
        if (random.nextInt(100) < 86) {
          double c = 0.5 + 0.5 * random.nextDouble();
          sink.accept(events.quality(id, at + duration, new double[] {c, c, c, c, c, c}));
        }
        if (random.nextInt(100) < 27) {
          String type = FEEDBACK[random.nextInt(FEEDBACK.length)];
          sink.accept(
              events.feedback(id, at + duration + 1_000, type, 1 + random.nextInt(5), null));
        }
        at += duration + 10_000 + random.nextInt(80_000);
      }
      t = Math.max(t + 5 * 60_000 + random.nextInt(35 * 60_000), at + 60_000);
    }
  }

  /** Topic popularity falls off, as in real use: low indexes are chosen more often. */
  private static int skewed(Random random, int n) {
    double u = random.nextDouble();
    return (int) Math.min(n - 1, Math.floor(n * u * u));
  }
}
