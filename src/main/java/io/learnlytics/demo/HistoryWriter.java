package io.learnlytics.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** The state of one generation run: walks the days and writes their sessions and exchanges. */
final class HistoryWriter {
  private static final long MINUTE = 60_000;
  private static final double QUALITY_SHARE = 0.86;
  private static final double FEEDBACK_SHARE = 0.24;

  private final DemoOptions options;
  private final Consumer<ObjectNode> sink;
  private final List<Relations.Relation> relations;
  private final QualityModel quality;
  private final DayPlan plan;
  private final EventFactory events;
  private final Random sessionRnd;
  private final Random rnd;
  private final double typicalSession;
  private final TopicPicker picker;
  private final double[] scores = new double[6];
  private long[] durations = new long[64];
  private long[] thinks = new long[64];
  private int nextRelation;

  HistoryWriter(DemoOptions options, Consumer<ObjectNode> sink) {
    this.options = options;
    this.sink = sink;
    // Separate streams per concern, so e.g. the topic choice does not shift every timestamp.
    Random master = new Random(options.seed());
    Random topicRnd = new Random(master.nextLong());
    Random dayRnd = new Random(master.nextLong());
    this.sessionRnd = new Random(master.nextLong());
    this.rnd = new Random(master.nextLong());
    TopicPlan topics = TopicPlan.create(topicRnd);
    this.relations = Relations.plan(topics, options.days(), topicRnd);
    this.quality = new QualityModel(topicRnd, topics.size());
    this.plan = DayPlan.create(options, dayRnd);
    this.events = new EventFactory(options.zone());
    this.picker = new TopicPicker(topics);
    // Sessions grow with the daily volume, since a day has at most four of them.
    this.typicalSession = Math.max(10, options.exchangesPerDay() * 0.55);
  }

  void write() {
    LocalDate first = options.firstDay();
    for (int d = 0; d < options.days(); d++) {
      writeDay(d, first.plusDays(d));
    }
  }

  private void writeDay(int d, LocalDate date) {
    ZoneId zone = options.zone();
    int days = options.days();
    double t = days == 1 ? 1 : d / (double) (days - 1);
    writeRelations(d, date);
    int count = plan.exchanges(d);
    if (count == 0) {
      return;
    }
    picker.startDay(t);
    DayOfWeek dow = date.getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    Slots.Slot[] slots = weekend ? Slots.WEEKEND : Slots.WEEKDAY;
    int sessions = (int) Math.floor(count / typicalSession + sessionRnd.nextDouble());
    sessions = Math.max(1, Math.min(Math.min(4, sessions), count / 3));
    int chosen = Slots.choose(slots, sessions, sessionRnd);
    long[] starts = new long[sessions];
    Slots.Slot[] used = new Slots.Slot[sessions];
    placeSessions(date, slots, chosen, used, starts);
    int[] sizes = split(count, sessions);
    long dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 15 * MINUTE;
    for (int s = 0; s < sessions; s++) {
      long windowEnd = s + 1 < sessions ? starts[s + 1] - 10 * MINUTE : dayEnd;
      writeSession(t, used[s], starts[s], windowEnd, sizes[s]);
    }
  }

  /** Relations become known early in the morning, before any session of the day. */
  private void writeRelations(int d, LocalDate date) {
    long relationTime = epochMilli(date, LocalTime.of(5, 0));
    for (int i = 0; nextRelation < relations.size(); i++) {
      Relations.Relation r = relations.get(nextRelation);
      if (r.day() > d) {
        break;
      }
      sink.accept(events.relation(r, relationTime + 1000L * i));
      nextRelation++;
    }
  }

  /** Fills {@code used} and {@code starts} with the chosen slots (a bit set) and their starts. */
  private void placeSessions(
      LocalDate date, Slots.Slot[] slots, int chosen, Slots.Slot[] used, long[] starts) {
    for (int i = 0, k = 0; i < slots.length; i++) {
      if ((chosen & (1 << i)) != 0) {
        used[k] = slots[i];
        starts[k++] =
            epochMilli(date, LocalTime.ofSecondOfDay(Slots.startSecond(slots[i], sessionRnd)));
      }
    }
  }

  /** Splits a day's exchanges over its sessions, each with at least a handful (3). */
  private int[] split(int count, int sessions) {
    int[] sizes = new int[sessions];
    if (sessions == 1) {
      sizes[0] = count;
      return sizes;
    }
    double[] shares = new double[sessions];
    double total = 0;
    for (int s = 0; s < sessions; s++) {
      shares[s] = 0.5 + sessionRnd.nextDouble();
      total += shares[s];
    }
    int rest = count - 3 * sessions;
    int assigned = 0;
    for (int s = 0; s < sessions - 1; s++) {
      sizes[s] = 3 + (int) Math.floor(rest * shares[s] / total);
      assigned += sizes[s];
    }
    sizes[sessions - 1] = count - assigned;
    return sizes;
  }

  private void writeSession(double t, Slots.Slot slot, long start, long windowEnd, int size) {
    String sessionId = events.nextSessionId();
    String device = Slots.device(slot, sessionRnd);
    String model = quality.model(t);
    picker.startSession(sessionRnd);
    planTiming(size, windowEnd - start);
    long ts = start;
    for (int i = 0; i < size; i++) {
      String exchangeId = events.nextExchangeId();
      writeExchange(exchangeId, sessionId, ts, durations[i], device, model);
      long end = ts + durations[i];
      long gap = thinks[i];
      double perceived = quality.latent(t, picker.primary());
      if (rnd.nextDouble() < QUALITY_SHARE) {
        double progress = size == 1 ? 0 : i / (double) (size - 1);
        perceived = writeQuality(exchangeId, end, gap, perceived, progress);
      }
      if (rnd.nextDouble() < FEEDBACK_SHARE) {
        writeFeedback(exchangeId, end, gap, perceived);
      }
      ts = end + gap;
    }
  }

  private void writeExchange(
      String exchangeId, String sessionId, long ts, long duration, String device, String model) {
    int n = picker.nextExchange(rnd);
    String[] names = picker.names();
    sink.accept(
        events.exchange(
            exchangeId,
            sessionId,
            ts,
            Texts.user(names, n, rnd),
            Texts.agent(names, n, rnd),
            duration,
            names,
            n,
            device,
            model));
  }

  /** A score shortly after the answer ends; returns the quality the learner perceived. */
  private double writeQuality(
      String exchangeId, long end, long gap, double perceived, double progress) {
    quality.score(perceived, progress, rnd, scores);
    long delay = (long) (rnd.nextDouble() * Math.min(800, gap / 4));
    sink.accept(events.quality(exchangeId, end + delay, scores));
    return scores[5];
  }

  /**
   * Feedback a few seconds after the answer ends (after any quality score, before the next
   * exchange); sometimes a second, different reaction follows, such as a copy after a thumbs up.
   */
  private void writeFeedback(String exchangeId, long end, long gap, double perceived) {
    long delay = Math.min(gap / 4, 1000) + (long) (rnd.nextDouble() * Math.min(6000, gap / 2));
    String type = quality.feedbackType(perceived, rnd);
    sink.accept(
        events.feedback(
            exchangeId,
            end + delay,
            type,
            quality.rating(perceived, rnd),
            Texts.comment(type, rnd)));
    if (rnd.nextDouble() < 0.15) {
      String second = quality.feedbackType(perceived, rnd);
      if (!second.equals(type)) {
        long later = delay + (long) (rnd.nextDouble() * Math.min(8000, (gap - delay) / 2));
        sink.accept(
            events.feedback(
                exchangeId,
                end + later,
                second,
                quality.rating(perceived, rnd),
                Texts.comment(second, rnd)));
      }
    }
  }

  /**
   * Samples answer durations (2–60 s) and the pauses after them, then compresses both if the
   * session would not fit before the next one (or the end of the day); only very high volumes, such
   * as benchmark histories, need that.
   */
  private void planTiming(int size, long window) {
    if (durations.length < size) {
      durations = Arrays.copyOf(durations, Math.max(size, durations.length * 2));
      thinks = Arrays.copyOf(thinks, durations.length);
    }
    long span = 0;
    for (int i = 0; i < size; i++) {
      double d = Math.exp(Math.log(9000) + 0.7 * rnd.nextGaussian());
      durations[i] = Math.round(Math.max(2000, Math.min(60000, d)));
      double pause = -Math.log(1 - rnd.nextDouble()) * 25000;
      if (rnd.nextDouble() < 0.04) {
        pause += 60000 + rnd.nextInt(240000); // looked something up, made tea
      }
      thinks[i] = 8000 + Math.round(Math.min(240000, pause));
      span += durations[i] + thinks[i];
    }
    if (span > window) {
      double factor = Math.max(0, window) / (double) span;
      for (int i = 0; i < size; i++) {
        durations[i] = (long) (durations[i] * factor);
        thinks[i] = (long) (thinks[i] * factor);
      }
    }
  }

  private long epochMilli(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, options.zone()).toInstant().toEpochMilli();
  }
}
