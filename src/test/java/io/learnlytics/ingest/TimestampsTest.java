package io.learnlytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void fast_path_agrees_with_the_standard_parser_on_random_timestamps() {
    Random random = new Random(20251118);
    String[] offsets = {"Z", "+00:00", "+05:30", "-04:00", "+10:30", "+13:45", "-09:30"};
    for (int i = 0; i < 20_000; i++) {
      String text =
          String.format(
              "%04d-%02d-%02dT%02d:%02d%s%s",
              1970 + random.nextInt(100),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextBoolean() ? String.format(":%02d", random.nextInt(60)) : "",
              offsets[random.nextInt(offsets.length)]);
      if (text.contains(":") && random.nextBoolean() && text.length() > 19) {
        text = text.substring(0, 19) + "." + random.nextInt(1_000_000) + text.substring(19);
      }
      String withFraction = text;
      boolean standardAccepts;
      OffsetDateTime expected = null;
      try {
        expected = OffsetDateTime.parse(withFraction);
        standardAccepts = true;
      } catch (DateTimeParseException e) {
        standardAccepts = false;
      }
      if (standardAccepts) {
        assertThat(Timestamps.parse(withFraction)).as(withFraction).isEqualTo(expected);
      } else {
        assertThatThrownBy(() -> Timestamps.parse(withFraction))
            .as(withFraction)
            .isInstanceOf(DateTimeParseException.class);
      }
    }
  }

  @Test
  void rejects_what_the_standard_parser_rejects() {
    for (String bad :
        List.of(
            "2025-02-30T10:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T10:00:00",
            "2025-01-01T10:00:00+5:30",
            "2025-01-01 10:00:00Z",
            "2025-01-01T10:00:00+19:00")) {
      assertThatThrownBy(() -> Timestamps.parse(bad))
          .as(bad)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
