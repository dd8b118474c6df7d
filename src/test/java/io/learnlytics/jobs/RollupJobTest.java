package io.learnlytics.jobs;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class RollupJobTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  /** An ISO offset date-time literal, e.g. {@code 2025-11-02T01:00-05:00}, seen in {@code zone}. */
  static ZonedDateTime at(String isoOffsetDateTime, ZoneId zone) {
    return OffsetDateTime.parse(isoOffsetDateTime).atZoneSameInstant(zone);
  }

  static ZonedDateTime ny(String isoOffsetDateTime) {
    return at(isoOffsetDateTime, NEW_YORK);
  }

  static ZonedDateTime kolkata(String isoOffsetDateTime) {
    return at(isoOffsetDateTime, KOLKATA);
  }

  static Instant previous(RollupJob job, ZonedDateTime now, DayOfWeek weekStart) {
    ZonedDateTime fire = job.previousFire(now, weekStart);
    assertThat(fire.getZone()).isEqualTo(now.getZone());
    return fire.toInstant();
  }

  static Instant next(RollupJob job, ZonedDateTime now, DayOfWeek weekStart) {
    ZonedDateTime fire = job.nextFire(now, weekStart);
    assertThat(fire.getZone()).isEqualTo(now.getZone());
    return fire.toInstant();
  }

  static Instant instant(String isoOffsetDateTime) {
    return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
  }

  // --- HOURLY: :05 every hour ---------------------------------------------------------------

  @Test
  void hourly_fires_at_five_past_every_hour_in_new_york() {
    ZonedDateTime now = ny("2025-06-11T10:20-04:00");

    assertThat(previous(RollupJob.HOURLY, now, MONDAY))
        .isEqualTo(instant("2025-06-11T10:05-04:00"));
    assertThat(next(RollupJob.HOURLY, now, MONDAY)).isEqualTo(instant("2025-06-11T11:05-04:00"));
  }

  @Test
  void hourly_exactly_at_fire_time_is_its_own_previous_fire_and_next_is_an_hour_later() {
    ZonedDateTime now = ny("2025-06-11T10:05-04:00");

    assertThat(RollupJob.HOURLY.previousFire(now, MONDAY)).isEqualTo(now);
    assertThat(next(RollupJob.HOURLY, now, MONDAY)).isEqualTo(instant("2025-06-11T11:05-04:00"));
  }

  @Test
  void hourly_just_before_five_past_still_looks_back_to_the_previous_hour() {
    ZonedDateTime now = ny("2025-06-11T10:04:59.999-04:00");

    assertThat(previous(RollupJob.HOURLY, now, MONDAY))
        .isEqualTo(instant("2025-06-11T09:05-04:00"));
    assertThat(next(RollupJob.HOURLY, now, MONDAY)).isEqualTo(instant("2025-06-11T10:05-04:00"));
  }

  @Test
  void hourly_in_kolkata_fires_at_five_past_local_which_is_35_past_utc() {
    ZonedDateTime now = kolkata("2025-06-11T10:47+05:30");

    assertThat(previous(RollupJob.HOURLY, now, MONDAY)).isEqualTo(instant("2025-06-11T04:35Z"));
    assertThat(next(RollupJob.HOURLY, now, MONDAY)).isEqualTo(instant("2025-06-11T05:35Z"));
    ZonedDateTime exactly = kolkata("2025-06-11T11:05+05:30");
    assertThat(RollupJob.HOURLY.previousFire(exactly, MONDAY)).isEqualTo(exactly);
    assertThat(next(RollupJob.HOURLY, exactly, MONDAY)).isEqualTo(instant("2025-06-11T06:35Z"));
  }

  @Test
  void hourly_across_the_new_york_spring_forward_gap_goes_from_01_05_est_to_03_05_edt() {
    ZonedDateTime beforeGap = ny("2025-03-09T01:30-05:00");

    assertThat(previous(RollupJob.HOURLY, beforeGap, MONDAY))
        .isEqualTo(instant("2025-03-09T01:05-05:00"));
    assertThat(next(RollupJob.HOURLY, beforeGap, MONDAY))
        .isEqualTo(instant("2025-03-09T03:05-04:00"));
    ZonedDateTime atFire = ny("2025-03-09T01:05-05:00");
    assertThat(next(RollupJob.HOURLY, atFire, MONDAY)).isEqualTo(instant("2025-03-09T07:05Z"));
    ZonedDateTime afterGap = ny("2025-03-09T03:02-04:00");
    assertThat(previous(RollupJob.HOURLY, afterGap, MONDAY))
        .isEqualTo(instant("2025-03-09T06:05Z"));
    assertThat(next(RollupJob.HOURLY, afterGap, MONDAY))
        .isEqualTo(instant("2025-03-09T03:05-04:00"));
  }

  @Test
  void hourly_on_the_new_york_fall_back_day_fires_in_both_01_00_hours() {
    // Two distinct 01:00 hour buckets (EDT and EST) -> two hourly fires, an hour apart.
    ZonedDateTime firstOneAm = ny("2025-11-02T01:30-04:00");
    ZonedDateTime secondOneAm = ny("2025-11-02T01:30-05:00");

    assertThat(previous(RollupJob.HOURLY, firstOneAm, MONDAY))
        .isEqualTo(instant("2025-11-02T05:05Z"));
    assertThat(next(RollupJob.HOURLY, firstOneAm, MONDAY)).isEqualTo(instant("2025-11-02T06:05Z"));
    assertThat(previous(RollupJob.HOURLY, secondOneAm, MONDAY))
        .isEqualTo(instant("2025-11-02T06:05Z"));
    assertThat(next(RollupJob.HOURLY, secondOneAm, MONDAY))
        .isEqualTo(instant("2025-11-02T02:05-05:00"));
    assertThat(previous(RollupJob.HOURLY, ny("2025-11-02T01:02-05:00"), MONDAY))
        .isEqualTo(instant("2025-11-02T01:05-04:00"));
  }

  @Test
  void hourly_in_lord_howe_next_fire_is_the_next_local_05_after_now() {
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    // Repeated half hour after 2025-04-06 02:00 +11:00 -> 01:30 +10:30 (15:00Z).
    ZonedDateTime repeated = at("2025-04-06T01:40+10:30", lordHowe); // 15:10Z
    // After the gap 2025-10-05 02:00 +10:30 -> 02:30 +11:00 (15:30Z).
    ZonedDateTime afterGap = at("2025-10-05T02:40+11:00", lordHowe); // 15:40Z

    assertThat(next(RollupJob.HOURLY, repeated, MONDAY))
        .isEqualTo(instant("2025-04-06T02:05+10:30")); // actual 01:35+10:30, before now
    assertThat(next(RollupJob.HOURLY, afterGap, MONDAY))
        .isEqualTo(instant("2025-10-05T03:05+11:00")); // actual 03:35+11:00, 03:05 skipped
  }

  // --- DAILY: 00:15 ---------------------------------------------------------------------------

  @Test
  void daily_fires_at_00_15_local() {
    ZonedDateTime afternoon = ny("2025-06-11T13:00-04:00");
    ZonedDateTime justAfterMidnight = ny("2025-06-11T00:10-04:00");

    assertThat(previous(RollupJob.DAILY, afternoon, MONDAY))
        .isEqualTo(instant("2025-06-11T00:15-04:00"));
    assertThat(next(RollupJob.DAILY, afternoon, MONDAY))
        .isEqualTo(instant("2025-06-12T00:15-04:00"));
    assertThat(previous(RollupJob.DAILY, justAfterMidnight, MONDAY))
        .isEqualTo(instant("2025-06-10T00:15-04:00"));
    assertThat(next(RollupJob.DAILY, justAfterMidnight, MONDAY))
        .isEqualTo(instant("2025-06-11T00:15-04:00"));
  }

  @Test
  void daily_exactly_at_fire_time_is_its_own_previous_fire_and_next_is_tomorrow() {
    ZonedDateTime now = ny("2025-06-11T00:15-04:00");

    assertThat(RollupJob.DAILY.previousFire(now, MONDAY)).isEqualTo(now);
    assertThat(next(RollupJob.DAILY, now, MONDAY)).isEqualTo(instant("2025-06-12T00:15-04:00"));
  }

  @Test
  void daily_across_new_york_dst_changes_keeps_00_15_local() {
    ZonedDateTime springDay = ny("2025-03-09T12:00-04:00");
    ZonedDateTime fallDay = ny("2025-11-02T12:00-05:00");

    assertThat(previous(RollupJob.DAILY, springDay, MONDAY))
        .isEqualTo(instant("2025-03-09T00:15-05:00"));
    assertThat(next(RollupJob.DAILY, springDay, MONDAY))
        .isEqualTo(instant("2025-03-10T00:15-04:00"));
    assertThat(previous(RollupJob.DAILY, fallDay, MONDAY))
        .isEqualTo(instant("2025-11-02T00:15-04:00"));
    assertThat(next(RollupJob.DAILY, fallDay, MONDAY)).isEqualTo(instant("2025-11-03T00:15-05:00"));
  }

  @Test
  void daily_in_kolkata_fires_at_00_15_ist_which_is_18_45_utc_the_day_before() {
    ZonedDateTime now = kolkata("2025-06-11T00:14+05:30");

    assertThat(previous(RollupJob.DAILY, now, MONDAY)).isEqualTo(instant("2025-06-09T18:45Z"));
    assertThat(next(RollupJob.DAILY, now, MONDAY)).isEqualTo(instant("2025-06-10T18:45Z"));
    ZonedDateTime exactly = kolkata("2025-06-11T00:15+05:30");
    assertThat(RollupJob.DAILY.previousFire(exactly, MONDAY)).isEqualTo(exactly);
    assertThat(next(RollupJob.DAILY, exactly, MONDAY)).isEqualTo(instant("2025-06-11T18:45Z"));
  }

  // --- WEEKLY: first day of the week at 01:00 -------------------------------------------------

  @Test
  void weekly_fires_on_monday_at_01_00_when_weeks_start_on_monday() {
    ZonedDateTime wednesday = ny("2025-06-11T12:00-04:00");

    assertThat(previous(RollupJob.WEEKLY, wednesday, MONDAY))
        .isEqualTo(instant("2025-06-09T01:00-04:00"));
    assertThat(next(RollupJob.WEEKLY, wednesday, MONDAY))
        .isEqualTo(instant("2025-06-16T01:00-04:00"));
  }

  @Test
  void weekly_fires_on_sunday_at_01_00_when_weeks_start_on_sunday() {
    ZonedDateTime wednesday = ny("2025-06-11T12:00-04:00");

    assertThat(previous(RollupJob.WEEKLY, wednesday, SUNDAY))
        .isEqualTo(instant("2025-06-08T01:00-04:00"));
    assertThat(next(RollupJob.WEEKLY, wednesday, SUNDAY))
        .isEqualTo(instant("2025-06-15T01:00-04:00"));
  }

  @Test
  void weekly_on_the_first_day_before_01_00_looks_back_a_whole_week() {
    ZonedDateTime mondayEarly = ny("2025-06-09T00:30-04:00");

    assertThat(previous(RollupJob.WEEKLY, mondayEarly, MONDAY))
        .isEqualTo(instant("2025-06-02T01:00-04:00"));
    assertThat(next(RollupJob.WEEKLY, mondayEarly, MONDAY))
        .isEqualTo(instant("2025-06-09T01:00-04:00"));
    assertThat(previous(RollupJob.WEEKLY, mondayEarly, SUNDAY))
        .isEqualTo(instant("2025-06-08T01:00-04:00"));
    assertThat(next(RollupJob.WEEKLY, mondayEarly, SUNDAY))
        .isEqualTo(instant("2025-06-15T01:00-04:00"));
  }

  @Test
  void weekly_exactly_at_fire_time_is_its_own_previous_fire_and_next_is_a_week_later() {
    ZonedDateTime monday = ny("2025-06-09T01:00-04:00");
    ZonedDateTime sunday = kolkata("2025-06-08T01:00+05:30");

    assertThat(RollupJob.WEEKLY.previousFire(monday, MONDAY)).isEqualTo(monday);
    assertThat(next(RollupJob.WEEKLY, monday, MONDAY)).isEqualTo(instant("2025-06-16T01:00-04:00"));
    assertThat(RollupJob.WEEKLY.previousFire(sunday, SUNDAY)).isEqualTo(sunday);
    assertThat(next(RollupJob.WEEKLY, sunday, SUNDAY)).isEqualTo(instant("2025-06-14T19:30Z"));
  }

  @Test
  void weekly_in_kolkata_fires_at_01_00_ist_which_is_19_30_utc_the_day_before() {
    ZonedDateTime wednesday = kolkata("2025-06-11T12:00+05:30");

    assertThat(previous(RollupJob.WEEKLY, wednesday, MONDAY))
        .isEqualTo(instant("2025-06-08T19:30Z"));
    assertThat(next(RollupJob.WEEKLY, wednesday, MONDAY)).isEqualTo(instant("2025-06-15T19:30Z"));
    assertThat(previous(RollupJob.WEEKLY, wednesday, SUNDAY))
        .isEqualTo(instant("2025-06-07T19:30Z"));
    assertThat(next(RollupJob.WEEKLY, wednesday, SUNDAY)).isEqualTo(instant("2025-06-14T19:30Z"));
  }

  @Test
  void weekly_on_the_new_york_fall_back_sunday_fires_once_at_the_earlier_01_00() {
    ZonedDateTime secondOneAm = ny("2025-11-02T01:00-05:00");

    assertThat(previous(RollupJob.WEEKLY, secondOneAm, SUNDAY))
        .isEqualTo(instant("2025-11-02T01:00-04:00"));
    assertThat(next(RollupJob.WEEKLY, secondOneAm, SUNDAY))
        .isEqualTo(instant("2025-11-09T01:00-05:00"));
    assertThat(next(RollupJob.WEEKLY, ny("2025-11-02T00:59-04:00"), SUNDAY))
        .isEqualTo(instant("2025-11-02T05:00Z"));
  }

  // --- MONTHLY: 1st at 02:00 ----------------------------------------------------------------

  @Test
  void monthly_fires_on_the_first_at_02_00() {
    ZonedDateTime now = ny("2025-06-11T12:00-04:00");

    assertThat(previous(RollupJob.MONTHLY, now, MONDAY))
        .isEqualTo(instant("2025-06-01T02:00-04:00"));
    assertThat(next(RollupJob.MONTHLY, now, MONDAY)).isEqualTo(instant("2025-07-01T02:00-04:00"));
  }

  @Test
  void monthly_exactly_at_fire_time_is_its_own_previous_fire_and_next_is_next_month() {
    ZonedDateTime now = ny("2025-06-01T02:00-04:00");

    assertThat(RollupJob.MONTHLY.previousFire(now, SUNDAY)).isEqualTo(now);
    assertThat(next(RollupJob.MONTHLY, now, SUNDAY)).isEqualTo(instant("2025-07-01T02:00-04:00"));
  }

  @Test
  void monthly_on_the_first_before_02_00_looks_back_a_whole_month() {
    ZonedDateTime now = ny("2025-06-01T01:59-04:00");

    assertThat(previous(RollupJob.MONTHLY, now, MONDAY))
        .isEqualTo(instant("2025-05-01T02:00-04:00"));
    assertThat(next(RollupJob.MONTHLY, now, MONDAY)).isEqualTo(instant("2025-06-01T02:00-04:00"));
  }

  @Test
  void monthly_crosses_year_and_dst_boundaries_at_local_02_00() {
    assertThat(next(RollupJob.MONTHLY, ny("2025-12-15T12:00-05:00"), MONDAY))
        .isEqualTo(instant("2026-01-01T02:00-05:00"));
    assertThat(next(RollupJob.MONTHLY, ny("2025-03-15T12:00-04:00"), MONDAY))
        .isEqualTo(instant("2025-04-01T02:00-04:00"));
    assertThat(previous(RollupJob.MONTHLY, ny("2025-03-15T12:00-04:00"), MONDAY))
        .isEqualTo(instant("2025-03-01T02:00-05:00"));
    // 2026-11-01 is a fall-back Sunday; 02:00 is after the repeated hour, so EST.
    assertThat(next(RollupJob.MONTHLY, ny("2026-10-20T12:00-04:00"), MONDAY))
        .isEqualTo(instant("2026-11-01T07:00Z"));
  }

  @Test
  void monthly_in_kolkata_fires_at_02_00_ist_which_is_20_30_utc_the_day_before() {
    ZonedDateTime now = kolkata("2025-06-11T12:00+05:30");

    assertThat(previous(RollupJob.MONTHLY, now, MONDAY)).isEqualTo(instant("2025-05-31T20:30Z"));
    assertThat(next(RollupJob.MONTHLY, now, MONDAY)).isEqualTo(instant("2025-06-30T20:30Z"));
    ZonedDateTime exactly = kolkata("2025-07-01T02:00+05:30");
    assertThat(RollupJob.MONTHLY.previousFire(exactly, MONDAY)).isEqualTo(exactly);
    assertThat(next(RollupJob.MONTHLY, exactly, MONDAY)).isEqualTo(instant("2025-07-31T20:30Z"));
  }

  // --- contract over every job ----------------------------------------------------------------

  @Test
  void previous_fire_is_at_or_before_now_and_next_fire_is_strictly_after_it() {
    for (RollupJob job : RollupJob.values()) {
      for (ZoneId zone : new ZoneId[] {NEW_YORK, KOLKATA}) {
        for (DayOfWeek weekStart : new DayOfWeek[] {MONDAY, SUNDAY}) {
          ZonedDateTime now = at("2025-01-01T00:00Z", zone);
          ZonedDateTime end = at("2026-01-01T00:00Z", zone);
          int fires = 0;
          while (now.isBefore(end)) {
            ZonedDateTime prev = job.previousFire(now, weekStart);
            ZonedDateTime next = job.nextFire(now, weekStart);
            String where = job + " " + zone + " " + weekStart + " now=" + now;
            assertThat(prev).as(where).isBeforeOrEqualTo(now);
            assertThat(next).as(where).isAfter(now);
            assertThat(job.nextFire(prev, weekStart)).as(where).isEqualTo(next);
            assertThat(job.previousFire(next, weekStart)).as(where).isEqualTo(next);
            if (next.isBefore(end)) {
              fires++;
            }
            now = next;
          }
          int expected =
              switch (job) {
                case HOURLY -> 365 * 24; // NY: 23 h + 25 h days cancel out
                case DAILY -> 365;
                case WEEKLY -> 52; // 2025 has 52 Mondays and 52 Sundays
                case MONTHLY -> 12;
              };
          assertThat(fires).as(job + " " + zone + " " + weekStart).isEqualTo(expected);
        }
      }
    }
  }
}
