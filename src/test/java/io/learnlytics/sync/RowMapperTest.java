package io.learnlytics.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The assistant's naive timestamps, read by position on the fast path. */
class RowMapperTest {
  private static final DateTimeFormatter SQLITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Test
  void naive_timestamps_are_utc_with_every_fraction_length() {
    assertThat(RowMapper.timestamp("2025-11-18 09:30:00"))
        .isEqualTo(OffsetDateTime.parse("2025-11-18T09:30:00Z"));
    assertThat(RowMapper.timestamp("2025-11-18 09:30:00.5"))
        .isEqualTo(OffsetDateTime.parse("2025-11-18T09:30:00.5Z"));
    assertThat(RowMapper.timestamp("2025-11-18 09:30:00.123456"))
        .isEqualTo(OffsetDateTime.parse("2025-11-18T09:30:00.123456Z"));
    assertThat(RowMapper.timestamp("2025-11-18 09:30:00.123456789"))
        .isEqualTo(OffsetDateTime.parse("2025-11-18T09:30:00.123456789Z"));
    assertThat(RowMapper.timestamp(" 2025-11-18 09:30 "))
        .isEqualTo(OffsetDateTime.parse("2025-11-18T09:30:00Z"));
    assertThat(RowMapper.timestamp("2025-11-18T09:30:00+02:00"))
        .isEqualTo(OffsetDateTime.parse("2025-11-18T09:30:00+02:00"));
  }

  @Test
  void impossible_or_foreign_text_is_not_a_time() {
    for (String bad :
        new String[] {
          "2025-02-30 10:00:00",
          "2025-13-01 10:00:00",
          "2025-11-18 24:00:00",
          "2025-11-18 09:30:00.",
          "2025-11-18 09:30:00.1234567890",
          "2025-11-18 09:3x:00",
          "18/11/2025 09:30",
          "yesterday",
          ""
        }) {
      assertThat(RowMapper.timestamp(bad)).as(bad).isNull();
    }
  }

  @Test
  void the_fast_path_agrees_with_the_calendar_on_random_times() {
    Random random = new Random(12);
    for (int i = 0; i < 20_000; i++) {
      LocalDateTime t =
          LocalDateTime.of(1990, 1, 1, 0, 0)
              .plusSeconds(random.nextInt(Integer.MAX_VALUE))
              .plusNanos(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000) * 1_000L);
      String text =
          SQLITE.format(t) + (t.getNano() == 0 ? "" : String.format(".%06d", t.getNano() / 1_000));
      assertThat(RowMapper.timestamp(text)).as(text).isEqualTo(t.atOffset(ZoneOffset.UTC));
    }
  }
}
