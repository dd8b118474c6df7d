package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketsTest {
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  /** Epoch ms of an ISO offset date-time literal such as {@code 2025-11-02T01:00-05:00}. */
  static long at(String isoOffsetDateTime) {
    return OffsetDateTime.parse(isoOffsetDateTime).toInstant().toEpochMilli();
  }

  static Buckets buckets(ZoneId zone) {
    return new Buckets(zone, 0, DayOfWeek.MONDAY);
  }

  /** The local labels of the consecutive hour buckets in {@code [from, to)}. */
  static List<String> hourLabels(Buckets b, long from, long to) {
    List<String> labels = new ArrayList<>();
    for (long s = b.start(Level.HOURLY, from); s < to; s = b.end(Level.HOURLY, s)) {
      labels.add(b.localLabel(s));
    }
    return labels;
  }

  // --- America/New_York ---------------------------------------------------------------------

  @Test
  void new_york_fall_back_day_has_two_distinct_one_hour_buckets_at_01_00() {
    Buckets b = buckets(NEW_YORK);
    long firstOneAm = at("2025-11-02T05:00Z"); // 01:00 EDT
    long secondOneAm = at("2025-11-02T06:00Z"); // 01:00 EST

    assertThat(b.start(Level.HOURLY, at("2025-11-02T01:30-04:00"))).isEqualTo(firstOneAm);
    assertThat(b.start(Level.HOURLY, at("2025-11-02T01:30-05:00"))).isEqualTo(secondOneAm);
    assertThat(b.end(Level.HOURLY, firstOneAm)).isEqualTo(secondOneAm);
    assertThat(b.end(Level.HOURLY, secondOneAm)).isEqualTo(at("2025-11-02T07:00Z"));
    assertThat(b.localLabel(firstOneAm)).isEqualTo("2025-11-02T01:00-04:00");
    assertThat(b.localLabel(secondOneAm)).isEqualTo("2025-11-02T01:00-05:00");
  }

  @Test
  void new_york_fall_back_day_is_25_hours_long_with_25_hour_buckets() {
    Buckets b = buckets(NEW_YORK);
    long day = b.start(Level.DAILY, at("2025-11-02T12:00-05:00"));

    assertThat(day).isEqualTo(at("2025-11-02T00:00-04:00"));
    assertThat(b.end(Level.DAILY, day)).isEqualTo(at("2025-11-03T00:00-05:00"));
    assertThat(b.end(Level.DAILY, day) - day).isEqualTo(25 * HOUR);
    List<String> labels = hourLabels(b, day, b.end(Level.DAILY, day));
    assertThat(labels).hasSize(25);
    assertThat(labels.subList(0, 4))
        .containsExactly(
            "2025-11-02T00:00-04:00",
            "2025-11-02T01:00-04:00",
            "2025-11-02T01:00-05:00",
            "2025-11-02T02:00-05:00");
  }

  @Test
  void new_york_spring_forward_day_is_23_hours_long_and_has_no_02_00_hour() {
    Buckets b = buckets(NEW_YORK);
    long day = b.start(Level.DAILY, at("2025-03-09T12:00-04:00"));
    long oneAm = at("2025-03-09T06:00Z"); // 01:00 EST

    assertThat(day).isEqualTo(at("2025-03-09T00:00-05:00"));
    assertThat(b.end(Level.DAILY, day)).isEqualTo(at("2025-03-10T00:00-04:00"));
    assertThat(b.end(Level.DAILY, day) - day).isEqualTo(23 * HOUR);
    assertThat(b.start(Level.HOURLY, at("2025-03-09T01:59:59-05:00"))).isEqualTo(oneAm);
    assertThat(b.end(Level.HOURLY, oneAm)).isEqualTo(at("2025-03-09T07:00Z"));
    assertThat(b.localLabel(at("2025-03-09T07:00Z"))).isEqualTo("2025-03-09T03:00-04:00");
    List<String> labels = hourLabels(b, day, b.end(Level.DAILY, day));
    assertThat(labels).hasSize(23).noneMatch(l -> l.startsWith("2025-03-09T02:"));
    assertThat(labels.subList(0, 3))
        .containsExactly(
            "2025-03-09T00:00-05:00", "2025-03-09T01:00-05:00", "2025-03-09T03:00-04:00");
  }

  @Test
  void local_label_names_the_second_new_york_01_00_hour_with_its_standard_offset() {
    assertThat(buckets(NEW_YORK).localLabel(at("2025-11-02T06:00Z")))
        .isEqualTo("2025-11-02T01:00-05:00");
  }

  // --- Europe/London ------------------------------------------------------------------------

  @Test
  void london_spring_forward_day_is_23_hours_and_fall_back_day_is_25_hours() {
    Buckets b = buckets(LONDON);
    long spring = b.start(Level.DAILY, at("2025-03-30T12:00Z"));
    long autumn = b.start(Level.DAILY, at("2025-10-26T12:00Z"));

    assertThat(spring).isEqualTo(at("2025-03-30T00:00Z"));
    assertThat(b.end(Level.DAILY, spring)).isEqualTo(at("2025-03-30T23:00Z"));
    assertThat(autumn).isEqualTo(at("2025-10-25T23:00Z"));
    assertThat(b.end(Level.DAILY, autumn)).isEqualTo(at("2025-10-27T00:00Z"));
    assertThat(b.end(Level.DAILY, spring) - spring).isEqualTo(23 * HOUR);
    assertThat(b.end(Level.DAILY, autumn) - autumn).isEqualTo(25 * HOUR);
  }

  // --- Asia/Kolkata -------------------------------------------------------------------------

  @Test
  void kolkata_hour_buckets_start_at_half_past_the_utc_hour() {
    Buckets b = buckets(KOLKATA);
    long start = b.start(Level.HOURLY, at("2025-06-15T10:47+05:30"));

    assertThat(start).isEqualTo(at("2025-06-15T04:30Z"));
    assertThat(b.end(Level.HOURLY, start)).isEqualTo(at("2025-06-15T05:30Z"));
    assertThat(b.localLabel(start)).isEqualTo("2025-06-15T10:00+05:30");
  }

  @Test
  void kolkata_day_starts_at_local_midnight_which_is_18_30_utc() {
    Buckets b = buckets(KOLKATA);
    long day = b.start(Level.DAILY, at("2025-06-15T02:00Z"));

    assertThat(day).isEqualTo(at("2025-06-14T18:30Z"));
    assertThat(b.end(Level.DAILY, day)).isEqualTo(at("2025-06-15T18:30Z"));
  }

  // --- Australia/Lord_Howe (30-minute DST) --------------------------------------------------

  @Test
  void lord_howe_fall_back_repeated_half_hour_is_its_own_hour_bucket() {
    Buckets b = buckets(LORD_HOWE);
    // 2025-04-06 02:00 +11:00 (15:00Z) -> 01:30 +10:30: local 01:30-02:00 happens twice.
    long oneAmDst = at("2025-04-05T14:00Z"); // 01:00 +11:00
    long repeated = at("2025-04-05T15:00Z"); // 01:30 +10:30
    long twoAm = at("2025-04-05T15:30Z"); // 02:00 +10:30

    assertThat(b.start(Level.HOURLY, at("2025-04-06T01:45+11:00"))).isEqualTo(oneAmDst);
    assertThat(b.end(Level.HOURLY, oneAmDst)).isEqualTo(repeated);
    assertThat(b.start(Level.HOURLY, at("2025-04-06T01:45+10:30"))).isEqualTo(repeated);
    assertThat(b.end(Level.HOURLY, repeated)).isEqualTo(twoAm);
    assertThat(b.end(Level.HOURLY, twoAm)).isEqualTo(at("2025-04-05T16:30Z"));
    assertThat(b.localLabel(repeated)).isEqualTo("2025-04-06T01:30+10:30");
  }

  @Test
  void lord_howe_spring_forward_leaves_a_half_hour_bucket_after_the_gap() {
    Buckets b = buckets(LORD_HOWE);
    // 2025-10-05 02:00 +10:30 (15:30Z) -> 02:30 +11:00: local 02:00-02:30 does not exist.
    long oneAm = at("2025-10-04T14:30Z"); // 01:00 +10:30
    long afterGap = at("2025-10-04T15:30Z"); // 02:30 +11:00

    assertThat(b.start(Level.HOURLY, at("2025-10-05T01:59+10:30"))).isEqualTo(oneAm);
    assertThat(b.end(Level.HOURLY, oneAm)).isEqualTo(afterGap);
    assertThat(b.start(Level.HOURLY, at("2025-10-05T02:45+11:00"))).isEqualTo(afterGap);
    assertThat(b.end(Level.HOURLY, afterGap)).isEqualTo(at("2025-10-04T16:00Z"));
    assertThat(b.localLabel(afterGap)).isEqualTo("2025-10-05T02:30+11:00");
  }

  @Test
  void lord_howe_days_are_24_5_hours_at_fall_back_and_23_5_hours_at_spring_forward() {
    Buckets b = buckets(LORD_HOWE);
    long autumn = b.start(Level.DAILY, at("2025-04-06T12:00+10:30"));
    long spring = b.start(Level.DAILY, at("2025-10-05T12:00+11:00"));

    assertThat(autumn).isEqualTo(at("2025-04-06T00:00+11:00"));
    assertThat(b.end(Level.DAILY, autumn)).isEqualTo(at("2025-04-07T00:00+10:30"));
    assertThat(b.end(Level.DAILY, autumn) - autumn).isEqualTo(24 * HOUR + 30 * MINUTE);
    assertThat(spring).isEqualTo(at("2025-10-05T00:00+10:30"));
    assertThat(b.end(Level.DAILY, spring)).isEqualTo(at("2025-10-06T00:00+11:00"));
    assertThat(b.end(Level.DAILY, spring) - spring).isEqualTo(23 * HOUR + 30 * MINUTE);
  }

  @Test
  void lord_howe_hour_buckets_tile_both_transition_days_without_gap_or_overlap() {
    Buckets b = buckets(LORD_HOWE);
    for (String noon : List.of("2025-04-06T12:00+10:30", "2025-10-05T12:00+11:00")) {
      long day = b.start(Level.DAILY, at(noon));
      long end = b.end(Level.DAILY, day);
      long covered = 0;
      for (long s = day; s < end; s = b.end(Level.HOURLY, s)) {
        long e = b.end(Level.HOURLY, s);
        assertThat(e - s).isPositive().isLessThanOrEqualTo(HOUR);
        assertThat(b.start(Level.HOURLY, e - 1)).isEqualTo(s);
        covered += e - s;
      }
      assertThat(covered).isEqualTo(end - day);
    }
    // 24.5 h day: 24 whole hours plus the repeated half hour; 23.5 h day: 23 whole plus 02:30.
    long autumn = b.start(Level.DAILY, at("2025-04-06T12:00+10:30"));
    long spring = b.start(Level.DAILY, at("2025-10-05T12:00+11:00"));
    List<String> autumnLabels = hourLabels(b, autumn, b.end(Level.DAILY, autumn));
    List<String> springLabels = hourLabels(b, spring, b.end(Level.DAILY, spring));
    assertThat(autumnLabels).hasSize(25);
    assertThat(autumnLabels.subList(0, 4))
        .containsExactly(
            "2025-04-06T00:00+11:00",
            "2025-04-06T01:00+11:00",
            "2025-04-06T01:30+10:30",
            "2025-04-06T02:00+10:30");
    assertThat(springLabels).hasSize(24);
    assertThat(springLabels.subList(0, 4))
        .containsExactly(
            "2025-10-05T00:00+10:30",
            "2025-10-05T01:00+10:30",
            "2025-10-05T02:30+11:00",
            "2025-10-05T03:00+11:00");
  }

  // --- day-start hour -----------------------------------------------------------------------

  @Test
  void with_day_start_hour_4_half_past_one_on_tuesday_belongs_to_monday() {
    Buckets b = new Buckets(NEW_YORK, 4, DayOfWeek.MONDAY);
    long t = at("2025-06-10T01:30-04:00"); // Tuesday

    assertThat(b.learningDate(t)).isEqualTo(LocalDate.of(2025, 6, 9));
    long day = b.start(Level.DAILY, t);
    assertThat(day).isEqualTo(at("2025-06-09T04:00-04:00"));
    assertThat(b.end(Level.DAILY, day)).isEqualTo(at("2025-06-10T04:00-04:00"));
    assertThat(b.start(Level.DAILY, at("2025-06-10T04:00-04:00")))
        .isEqualTo(at("2025-06-10T04:00-04:00"));
    assertThat(b.start(Level.DAILY, at("2025-06-10T03:59:59.999-04:00"))).isEqualTo(day);
  }

  @Test
  void with_day_start_hour_2_the_new_york_spring_forward_day_starts_at_03_00_edt() {
    Buckets b = new Buckets(NEW_YORK, 2, DayOfWeek.MONDAY);
    long day = b.start(Level.DAILY, at("2025-03-09T12:00-04:00"));

    assertThat(day).isEqualTo(at("2025-03-09T03:00-04:00"));
    assertThat(b.dayStart(LocalDate.of(2025, 3, 9))).isEqualTo(at("2025-03-09T07:00Z"));
    assertThat(b.end(Level.DAILY, day)).isEqualTo(at("2025-03-10T02:00-04:00"));
    assertThat(b.end(Level.DAILY, day) - day).isEqualTo(23 * HOUR);
    // 01:30 EST on the 9th is before the (shifted) day start: it belongs to the 8th.
    long beforeGap = at("2025-03-09T01:30-05:00");
    assertThat(b.learningDate(beforeGap)).isEqualTo(LocalDate.of(2025, 3, 8));
    assertThat(b.start(Level.DAILY, beforeGap)).isEqualTo(at("2025-03-08T02:00-05:00"));
    assertThat(b.end(Level.DAILY, at("2025-03-08T02:00-05:00"))).isEqualTo(day);
  }

  @Test
  void chatham_fall_back_across_the_day_start_hour_keeps_the_instant_in_its_own_day() {
    Buckets b = new Buckets(ZoneId.of("Pacific/Chatham"), 3, DayOfWeek.MONDAY);
    long t = at("2025-04-06T02:50+12:45"); // 14:05Z, after 03:00 +13:45 (13:15Z) started the day

    long day = b.start(Level.DAILY, t);
    assertThat(day).isEqualTo(at("2025-04-06T03:00+13:45"));
    assertThat(b.end(Level.DAILY, day)).isGreaterThan(t);
  }

  // --- weeks and months ---------------------------------------------------------------------

  @Test
  void weekly_bucket_starts_on_the_configured_first_day_of_the_week() {
    Buckets monday = new Buckets(ZoneId.of("UTC"), 0, DayOfWeek.MONDAY);
    Buckets sunday = new Buckets(ZoneId.of("UTC"), 0, DayOfWeek.SUNDAY);
    long wednesday = at("2025-06-11T12:00Z");
    long sundayNoon = at("2025-06-15T12:00Z");

    assertThat(monday.start(Level.WEEKLY, wednesday)).isEqualTo(at("2025-06-09T00:00Z"));
    assertThat(monday.end(Level.WEEKLY, at("2025-06-09T00:00Z")))
        .isEqualTo(at("2025-06-16T00:00Z"));
    assertThat(sunday.start(Level.WEEKLY, wednesday)).isEqualTo(at("2025-06-08T00:00Z"));
    assertThat(sunday.end(Level.WEEKLY, at("2025-06-08T00:00Z")))
        .isEqualTo(at("2025-06-15T00:00Z"));
    assertThat(monday.start(Level.WEEKLY, sundayNoon)).isEqualTo(at("2025-06-09T00:00Z"));
    assertThat(sunday.start(Level.WEEKLY, sundayNoon)).isEqualTo(at("2025-06-15T00:00Z"));
    assertThat(monday.weekDate(LocalDate.of(2025, 6, 15))).isEqualTo(LocalDate.of(2025, 6, 9));
    assertThat(sunday.weekDate(LocalDate.of(2025, 6, 15))).isEqualTo(LocalDate.of(2025, 6, 15));
  }

  @Test
  void early_monday_before_the_day_start_hour_belongs_to_the_previous_week() {
    Buckets b = new Buckets(NEW_YORK, 4, DayOfWeek.MONDAY);
    long mondayTwoAm = at("2025-06-09T02:00-04:00");

    assertThat(b.start(Level.WEEKLY, mondayTwoAm)).isEqualTo(at("2025-06-02T04:00-04:00"));
    assertThat(b.end(Level.WEEKLY, at("2025-06-02T04:00-04:00")))
        .isEqualTo(at("2025-06-09T04:00-04:00"));
  }

  @Test
  void week_containing_the_new_york_fall_back_is_one_hour_longer_than_seven_days() {
    Buckets b = new Buckets(NEW_YORK, 0, DayOfWeek.SUNDAY);
    long week = b.start(Level.WEEKLY, at("2025-11-05T12:00-05:00"));

    assertThat(week).isEqualTo(at("2025-11-02T00:00-04:00"));
    assertThat(b.end(Level.WEEKLY, week)).isEqualTo(at("2025-11-09T00:00-05:00"));
    assertThat(b.end(Level.WEEKLY, week) - week).isEqualTo(7 * 24 * HOUR + HOUR);
  }

  @Test
  void monthly_bucket_runs_from_the_first_learning_day_at_the_day_start_hour() {
    Buckets b = new Buckets(NEW_YORK, 4, DayOfWeek.MONDAY);
    long lateMay = at("2025-06-01T02:00-04:00"); // before 04:00 on June 1st: still May
    long june = at("2025-06-01T05:00-04:00");

    assertThat(b.start(Level.MONTHLY, lateMay)).isEqualTo(at("2025-05-01T04:00-04:00"));
    assertThat(b.end(Level.MONTHLY, at("2025-05-01T04:00-04:00")))
        .isEqualTo(at("2025-06-01T04:00-04:00"));
    assertThat(b.start(Level.MONTHLY, june)).isEqualTo(at("2025-06-01T04:00-04:00"));
    assertThat(b.end(Level.MONTHLY, at("2025-06-01T04:00-04:00")))
        .isEqualTo(at("2025-07-01T04:00-04:00"));
  }

  @Test
  void month_containing_spring_forward_is_one_hour_shorter() {
    Buckets b = buckets(NEW_YORK);
    long march = b.start(Level.MONTHLY, at("2025-03-15T12:00-04:00"));

    assertThat(march).isEqualTo(at("2025-03-01T00:00-05:00"));
    assertThat(b.end(Level.MONTHLY, march)).isEqualTo(at("2025-04-01T00:00-04:00"));
    assertThat(b.end(Level.MONTHLY, march) - march).isEqualTo(31 * 24 * HOUR - HOUR);
    assertThat(b.start(Level.MONTHLY, at("2025-12-31T23:59:59.999-05:00")))
        .isEqualTo(at("2025-12-01T00:00-05:00"));
    assertThat(b.end(Level.MONTHLY, at("2025-12-01T00:00-05:00")))
        .isEqualTo(at("2026-01-01T00:00-05:00"));
  }

  // --- properties over many zones and instants ----------------------------------------------

  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          NEW_YORK,
          LONDON,
          KOLKATA,
          LORD_HOWE,
          ZoneId.of("America/St_Johns"),
          ZoneId.of("Asia/Kathmandu"));

  static final long FROM = at("2020-01-01T00:00Z");
  static final long TO = at("2028-01-01T00:00Z");

  /** Random instants in 2020-2027 plus instants at and around every transition of the zone. */
  static List<Long> sampleInstants(ZoneId zone, Random random) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      out.add(FROM + (long) (random.nextDouble() * (TO - FROM)));
    }
    Instant t = Instant.ofEpochMilli(FROM);
    ZoneOffsetTransition tr;
    while ((tr = zone.getRules().nextTransition(t)) != null && tr.toEpochSecond() * 1000 < TO) {
      long ms = tr.toEpochSecond() * 1000;
      out.add(ms - 1);
      out.add(ms);
      out.add(ms + 1);
      out.add(ms + (long) ((random.nextDouble() * 2 - 1) * 3 * HOUR));
      t = tr.getInstant();
    }
    return out;
  }

  @Test
  void buckets_contain_their_instants_tile_time_and_nest_in_every_configuration() {
    Random random = new Random(20250309L);
    int checked = 0;
    for (ZoneId zone : ZONES) {
      boolean halfHourDst = zone.equals(LORD_HOWE);
      for (int dayStartHour : new int[] {0, 4}) {
        for (DayOfWeek weekStart : List.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY)) {
          Buckets b = new Buckets(zone, dayStartHour, weekStart);
          String where = zone + " dayStart=" + dayStartHour + " weekStart=" + weekStart;
          for (long t : sampleInstants(zone, random)) {
            String at = where + " t=" + Instant.ofEpochMilli(t);
            for (Level level : Level.values()) {
              long s = b.start(level, t);
              long e = b.end(level, s);
              assertThat(s).as("start <= t, %s %s", level, at).isLessThanOrEqualTo(t);
              assertThat(e).as("t < end, %s %s", level, at).isGreaterThan(t);
              assertThat(b.start(level, s)).as("idempotent, %s %s", level, at).isEqualTo(s);
              assertThat(b.start(level, e)).as("next starts at end, %s %s", level, at).isEqualTo(e);
              assertThat(b.start(level, s - 1))
                  .as("previous ends at start, %s %s", level, at)
                  .isLessThan(s);
              assertThat(b.end(level, b.start(level, s - 1)))
                  .as("previous ends at start, %s %s", level, at)
                  .isEqualTo(s);
            }
            long hour = b.start(Level.HOURLY, t);
            long day = b.start(Level.DAILY, t);
            assertThat(b.end(Level.HOURLY, hour) - hour)
                .as("hour length, %s", at)
                .isPositive()
                .isLessThanOrEqualTo(HOUR);
            assertThat(b.start(Level.DAILY, hour)).as("hour in day, %s", at).isEqualTo(day);
            assertThat(b.start(Level.WEEKLY, day))
                .as("day in week, %s", at)
                .isEqualTo(b.start(Level.WEEKLY, t));
            assertThat(b.start(Level.MONTHLY, day))
                .as("day in month, %s", at)
                .isEqualTo(b.start(Level.MONTHLY, t));
            assertThat(b.learningDate(day)).as(at).isEqualTo(b.learningDate(t));
            assertThat(b.learningDate(b.start(Level.WEEKLY, t)).getDayOfWeek())
                .as(at)
                .isEqualTo(weekStart);
            assertThat(b.learningDate(b.start(Level.MONTHLY, t)).getDayOfMonth()).as(at).isOne();
            long dayLength = b.end(Level.DAILY, day) - day;
            if (halfHourDst) {
              assertThat(dayLength)
                  .as("day length, %s", at)
                  .isIn(23 * HOUR + 30 * MINUTE, 24 * HOUR, 24 * HOUR + 30 * MINUTE);
            } else {
              assertThat(dayLength).as("day length, %s", at).isIn(23 * HOUR, 24 * HOUR, 25 * HOUR);
            }
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(7 * 4 * 400);
  }
}
