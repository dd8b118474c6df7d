package io.learnlytics.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoGeneratorTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate LAST_DAY = LocalDate.of(2024, 6, 30);
  private static final DemoOptions DEFAULTS = DemoOptions.defaults(BERLIN, LAST_DAY);

  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "exchange",
          Set.of(
              "kind",
              "id",
              "session_id",
              "timestamp",
              "user_text",
              "agent_text",
              "duration_ms",
              "topics",
              "metadata"),
          "feedback",
          Set.of("kind", "id", "exchange_id", "timestamp", "type", "rating", "comment"),
          "quality",
          Set.of(
              "kind",
              "id",
              "exchange_id",
              "timestamp",
              "relevance",
              "helpfulness",
              "accuracy",
              "clarity",
              "engagement",
              "composite"),
          "relation",
          Set.of("kind", "id", "source", "target", "type", "strength", "timestamp"));
  private static final Set<String> FEEDBACK_TYPES =
      Set.of(
          "thumbs_up",
          "thumbs_down",
          "copy",
          "share",
          "rating",
          "correction",
          "clarification",
          "follow_up");

  private static List<ObjectNode> generate(DemoOptions options) {
    List<ObjectNode> events = new ArrayList<>();
    new DemoGenerator(options).generate(events::add);
    return events;
  }

  private static String serialize(DemoOptions options) {
    StringBuilder sb = new StringBuilder();
    new DemoGenerator(options)
        .generate(
            n -> {
              try {
                sb.append(Json.MAPPER.writeValueAsString(n)).append('\n');
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
            });
    return sb.toString();
  }

  private static List<ObjectNode> ofKind(List<ObjectNode> events, String kind) {
    return events.stream().filter(e -> e.get("kind").asText().equals(kind)).toList();
  }

  private static OffsetDateTime time(JsonNode event) {
    return OffsetDateTime.parse(event.get("timestamp").asText());
  }

  private static LocalDate localDay(JsonNode event, ZoneId zone) {
    return time(event).atZoneSameInstant(zone).toLocalDate();
  }

  /** Exchanges per local day, with every day of the period present (0 for days without any). */
  private static Map<LocalDate, Integer> perDay(List<ObjectNode> events, DemoOptions options) {
    Map<LocalDate, Integer> counts = new TreeMap<>();
    for (LocalDate d = options.firstDay(); !d.isAfter(options.lastDay()); d = d.plusDays(1)) {
      counts.put(d, 0);
    }
    for (ObjectNode e : ofKind(events, "exchange")) {
      counts.merge(localDay(e, options.zone()), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void sameOptionsGiveByteIdenticalOutput() {
    String first = serialize(DEFAULTS);
    String second = serialize(DemoOptions.defaults(BERLIN, LAST_DAY));
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  @Test
  void differentSeedGivesDifferentOutput() {
    DemoOptions other = new DemoOptions(43, 180, LAST_DAY, BERLIN, 25);
    assertThat(serialize(other)).isNotEqualTo(serialize(DEFAULTS));
  }

  @Test
  void defaultsAndValidation() {
    assertThat(DEFAULTS.seed()).isEqualTo(42);
    assertThat(DEFAULTS.days()).isEqualTo(180);
    assertThat(DEFAULTS.exchangesPerDay()).isEqualTo(25);
    assertThat(DEFAULTS.firstDay()).isEqualTo(LocalDate.of(2024, 1, 3));
    assertThatThrownBy(() -> new DemoOptions(1, 0, LAST_DAY, BERLIN, 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("days");
    assertThatThrownBy(() -> new DemoOptions(1, 10, LAST_DAY, BERLIN, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exchangesPerDay");
    assertThatThrownBy(() -> new DemoOptions(1, 10, LAST_DAY, BERLIN, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DemoOptions(1, 10, null, BERLIN, 25))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new DemoOptions(1, 10, LAST_DAY, null, 25))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void everyEventFollowsTheIngestFormat() {
    List<ObjectNode> events = generate(DEFAULTS);
    Map<String, Set<String>> ids = new HashMap<>();
    Set<String> exchangesSeen = new HashSet<>();
    Set<String> feedbackTypes = new TreeSet<>();
    Set<String> relationTypes = new TreeSet<>();
    for (ObjectNode e : events) {
      String kind = e.get("kind").asText();
      assertThat(FIELDS).containsKey(kind);
      assertThat(FIELDS.get(kind)).containsAll(iterable(e));
      assertThat(ids.computeIfAbsent(kind, k -> new HashSet<>()).add(e.get("id").asText()))
          .as("unique %s id %s", kind, e.get("id"))
          .isTrue();
      OffsetDateTime ts = time(e); // throws on a naive or malformed timestamp
      assertThat(ts.getOffset()).isEqualTo(BERLIN.getRules().getOffset(ts.toInstant()));
      switch (kind) {
        case "exchange" -> {
          assertThat(e.get("session_id").asText()).matches("s-\\d{6}");
          assertThat(e.get("user_text").asText()).isNotBlank();
          assertThat(e.get("agent_text").asText()).isNotBlank();
          assertThat(e.get("duration_ms").asLong()).isBetween(2000L, 60000L);
          JsonNode topics = e.get("topics");
          assertThat(topics.isArray()).isTrue();
          assertThat(topics.size()).isBetween(1, 3);
          Set<String> distinct = new HashSet<>();
          topics.forEach(t -> distinct.add(t.asText()));
          assertThat(distinct).hasSize(topics.size());
          assertThat(e.get("metadata").isObject()).isTrue();
          assertThat(e.get("metadata").get("device").asText()).isIn("voice", "mobile", "web");
          exchangesSeen.add(e.get("id").asText());
        }
        case "feedback" -> {
          assertThat(exchangesSeen).contains(e.get("exchange_id").asText());
          String type = e.get("type").asText();
          assertThat(type).isIn(FEEDBACK_TYPES);
          feedbackTypes.add(type);
          assertThat(e.has("rating")).as("rating iff type rating").isEqualTo(type.equals("rating"));
          if (e.has("rating")) {
            assertThat(e.get("rating").asInt()).isBetween(1, 5);
          }
        }
        case "quality" -> {
          assertThat(exchangesSeen).contains(e.get("exchange_id").asText());
          double weighted = 0;
          String[] dims = {"relevance", "helpfulness", "accuracy", "clarity", "engagement"};
          double[] weights = {0.30, 0.25, 0.10, 0.15, 0.20};
          for (int i = 0; i < dims.length; i++) {
            double v = e.get(dims[i]).asDouble();
            assertThat(v).isBetween(0.0, 1.0);
            weighted += weights[i] * v;
          }
          assertThat(e.get("composite").asDouble()).isCloseTo(weighted, within(0.0011));
        }
        default -> {
          assertThat(e.get("source").asText()).isNotBlank().isNotEqualTo(e.get("target").asText());
          assertThat(e.get("strength").asDouble()).isBetween(0.0, 1.0);
          relationTypes.add(e.get("type").asText());
        }
      }
    }
    assertThat(feedbackTypes).isEqualTo(FEEDBACK_TYPES);
    assertThat(relationTypes).containsExactly("BUILDS_ON", "RELATES_TO");
  }

  @Test
  void feedbackAndQualityFollowTheirExchangeAtTheExpectedRates() {
    List<ObjectNode> events = generate(DEFAULTS);
    // Scores and feedback come when the answer is over: at timestamp + duration_ms.
    Map<String, OffsetDateTime> answerEnd = new HashMap<>();
    ofKind(events, "exchange")
        .forEach(
            e ->
                answerEnd.put(
                    e.get("id").asText(),
                    time(e).plusNanos(e.get("duration_ms").asLong() * 1_000_000)));
    Set<String> withFeedback = new HashSet<>();
    for (ObjectNode f : ofKind(events, "feedback")) {
      OffsetDateTime end = answerEnd.get(f.get("exchange_id").asText());
      assertThat(Duration.between(end, time(f))).isPositive().isLessThan(Duration.ofSeconds(20));
      withFeedback.add(f.get("exchange_id").asText());
    }
    Set<String> scored = new HashSet<>();
    for (ObjectNode q : ofKind(events, "quality")) {
      OffsetDateTime end = answerEnd.get(q.get("exchange_id").asText());
      assertThat(Duration.between(end, time(q))).isBetween(Duration.ZERO, Duration.ofSeconds(1));
      assertThat(scored.add(q.get("exchange_id").asText())).as("one score per exchange").isTrue();
    }
    double exchanges = answerEnd.size();
    assertThat(withFeedback.size() / exchanges).isBetween(0.2, 0.3);
    assertThat(scored.size() / exchanges).isBetween(0.8, 0.9);
  }

  @Test
  void eventsAreInTimeOrderWithinThePeriod() {
    List<ObjectNode> events = generate(DEFAULTS);
    assertThat(firstOutOfOrder(events)).isEqualTo(-1);
    assertThat(localDay(events.get(0), BERLIN)).isEqualTo(DEFAULTS.firstDay());
    assertThat(localDay(events.get(events.size() - 1), BERLIN)).isEqualTo(LAST_DAY);
  }

  @ParameterizedTest
  @CsvSource({"42, 25", "1, 25", "7, 60", "123, 8"})
  void meanExchangesPerDayMatchesTheOption(long seed, double perDay) {
    DemoOptions options = new DemoOptions(seed, 180, LAST_DAY, BERLIN, perDay);
    double mean = ofKind(generate(options), "exchange").size() / 180.0;
    assertThat(mean).isCloseTo(perDay, within(perDay * 0.15));
  }

  @Test
  void sessionsHaveAHandfulToFortyExchangesAndOneToFourPerDay() {
    List<ObjectNode> exchanges = ofKind(generate(DEFAULTS), "exchange");
    Map<String, List<OffsetDateTime>> sessions = new TreeMap<>();
    exchanges.forEach(
        e ->
            sessions
                .computeIfAbsent(e.get("session_id").asText(), k -> new ArrayList<>())
                .add(time(e)));
    Map<LocalDate, Integer> sessionsPerDay = new TreeMap<>();
    int smallest = Integer.MAX_VALUE;
    int largest = 0;
    for (List<OffsetDateTime> times : sessions.values()) {
      smallest = Math.min(smallest, times.size());
      largest = Math.max(largest, times.size());
      sessionsPerDay.merge(times.get(0).atZoneSameInstant(BERLIN).toLocalDate(), 1, Integer::sum);
      for (int i = 1; i < times.size(); i++) {
        Duration gap = Duration.between(times.get(i - 1), times.get(i));
        assertThat(gap).isBetween(Duration.ofSeconds(10), Duration.ofMinutes(10));
      }
    }
    assertThat(smallest).isBetween(1, 8);
    assertThat(largest).isBetween(20, 70);
    assertThat(sessionsPerDay.values()).allSatisfy(n -> assertThat(n).isBetween(1, 4));
    assertThat(sessionsPerDay.values()).contains(1, 2, 3);
  }

  @Test
  void historyHasBreaksStreaksAndAWeeklyRhythm() {
    List<ObjectNode> events = generate(DEFAULTS);
    Map<LocalDate, Integer> perDay = perDay(events, DEFAULTS);
    int longestBreak = 0;
    int longestStreak = 0;
    int breakRun = 0;
    int streakRun = 0;
    double weekdaySum = 0;
    double weekendSum = 0;
    int weekdays = 0;
    for (Map.Entry<LocalDate, Integer> day : perDay.entrySet()) {
      breakRun = day.getValue() == 0 ? breakRun + 1 : 0;
      streakRun = day.getValue() > 0 ? streakRun + 1 : 0;
      longestBreak = Math.max(longestBreak, breakRun);
      longestStreak = Math.max(longestStreak, streakRun);
      DayOfWeek dow = day.getKey().getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        weekendSum += day.getValue();
      } else {
        weekdaySum += day.getValue();
        weekdays++;
      }
    }
    assertThat(longestBreak).as("a holiday").isGreaterThanOrEqualTo(5);
    assertThat(longestStreak).isGreaterThanOrEqualTo(7);
    assertThat(perDay.get(LAST_DAY)).as("the current streak is alive").isPositive();
    double weekdayMean = weekdaySum / weekdays;
    double weekendMean = weekendSum / (perDay.size() - weekdays);
    assertThat(weekendMean).isLessThan(0.85 * weekdayMean);

    // Weekends start later: no weekend session before 08:30, many weekday ones before 08:30.
    Map<String, OffsetDateTime> sessionStart = new TreeMap<>();
    ofKind(events, "exchange")
        .forEach(e -> sessionStart.putIfAbsent(e.get("session_id").asText(), time(e)));
    int weekdayEarly = 0;
    int weekendEarly = 0;
    for (OffsetDateTime start : sessionStart.values()) {
      var local = start.atZoneSameInstant(BERLIN);
      boolean early = local.toLocalTime().isBefore(LocalTime.of(8, 30));
      DayOfWeek dow = local.getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        weekendEarly += early ? 1 : 0;
      } else {
        weekdayEarly += early ? 1 : 0;
      }
    }
    assertThat(weekendEarly).isZero();
    assertThat(weekdayEarly).isGreaterThan(30);
  }

  @Test
  void offsetsFollowDaylightSavingTime() {
    DemoOptions options = new DemoOptions(42, 240, LocalDate.of(2024, 7, 31), NEW_YORK, 25);
    List<ObjectNode> events = generate(options);
    int january = 0;
    int july = 0;
    for (ObjectNode e : events) {
      String ts = e.get("timestamp").asText();
      OffsetDateTime parsed = OffsetDateTime.parse(ts);
      assertThat(parsed.getOffset()).isEqualTo(NEW_YORK.getRules().getOffset(parsed.toInstant()));
      if (ts.startsWith("2024-01-")) {
        assertThat(ts).endsWith("-05:00");
        january++;
      } else if (ts.startsWith("2024-07-")) {
        assertThat(ts).endsWith("-04:00");
        july++;
      }
      if (e.get("kind").asText().equals("exchange")) {
        // Local hours of study only make sense if the offset is right.
        assertThat(parsed.toLocalTime()).isBetween(LocalTime.of(6, 30), LocalTime.of(23, 45));
      }
    }
    assertThat(january).isGreaterThan(100);
    assertThat(july).isGreaterThan(100);
  }

  @Test
  void topicsRiseAndFadeAndSomePrerequisiteIsNeverStudied() {
    List<ObjectNode> events = generate(DEFAULTS);
    Map<String, int[]> quarters = new TreeMap<>();
    for (ObjectNode e : ofKind(events, "exchange")) {
      int quarter =
          (int) (4 * (localDay(e, BERLIN).toEpochDay() - DEFAULTS.firstDay().toEpochDay()) / 180);
      e.get("topics")
          .forEach(t -> quarters.computeIfAbsent(t.asText(), k -> new int[4])[quarter]++);
    }
    assertThat(quarters.size()).isBetween(TopicPlan.MIN_TOPICS, TopicPlan.MAX_TOPICS);
    assertThat(quarters.values()).as("a late starter").anyMatch(q -> q[0] == 0 && q[3] > 20);
    assertThat(quarters.values()).as("a faded interest").anyMatch(q -> q[0] > 20 && q[3] == 0);
    assertThat(ofKind(events, "relation"))
        .anyMatch(
            r ->
                r.get("type").asText().equals("BUILDS_ON")
                    && !quarters.containsKey(r.get("target").asText()));
    assertThat(ofKind(events, "relation"))
        .as("a few relations arrive later")
        .anyMatch(r -> localDay(r, BERLIN).isAfter(DEFAULTS.firstDay().plusDays(30)));
  }

  @Test
  void topicPlansStayInRangeForAnySeed() {
    for (long seed = 0; seed < 300; seed++) {
      TopicPlan plan = TopicPlan.create(new Random(seed));
      assertThat(plan.size()).isBetween(TopicPlan.MIN_TOPICS, TopicPlan.MAX_TOPICS);
      List<Catalogue.Entry> entries = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (int i = 0; i < plan.size(); i++) {
        entries.add(plan.entry(i));
        assertThat(names.add(plan.name(i))).isTrue();
      }
      assertThat(TopicPlan.hasUnstudiedPrerequisite(entries)).isTrue();
    }
  }

  @Test
  void qualityImprovesOverThePeriod() {
    List<ObjectNode> events = generate(DEFAULTS);
    LocalDate firstMonthEnd = DEFAULTS.firstDay().plusDays(36);
    LocalDate lastMonthStart = LAST_DAY.minusDays(36);
    double[] sums = new double[4];
    for (ObjectNode q : ofKind(events, "quality")) {
      LocalDate day = localDay(q, BERLIN);
      int bucket = day.isBefore(firstMonthEnd) ? 0 : day.isAfter(lastMonthStart) ? 2 : -1;
      if (bucket >= 0) {
        sums[bucket] += q.get("composite").asDouble();
        sums[bucket + 1]++;
      }
    }
    assertThat(sums[2] / sums[3]).isGreaterThan(sums[0] / sums[1] + 0.08);
  }

  @Test
  void highVolumeHistoriesKeepSessionsInsideTheirDay() {
    DemoOptions options = new DemoOptions(5, 14, LAST_DAY, NEW_YORK, 548);
    List<ObjectNode> events = generate(options);
    List<ObjectNode> exchanges = ofKind(events, "exchange");
    assertThat(exchanges.size()).isCloseTo(14 * 548, within(1));
    Map<String, LocalDate> sessionDay = new HashMap<>();
    for (ObjectNode e : exchanges) {
      LocalDate day = localDay(e, NEW_YORK);
      assertThat(sessionDay.computeIfAbsent(e.get("session_id").asText(), k -> day)).isEqualTo(day);
    }
    assertThat(firstOutOfOrder(events)).isEqualTo(-1);
  }

  /** Index of the first event earlier than the one before it, or -1 when all are in order. */
  private static int firstOutOfOrder(List<ObjectNode> events) {
    for (int i = 1; i < events.size(); i++) {
      if (time(events.get(i)).isBefore(time(events.get(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  private static Iterable<String> iterable(ObjectNode node) {
    return node::fieldNames;
  }
}
