package io.learnlytics.export.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Timestamps as the exports write them. */
class TimesTest {

  @Test
  void timestampsAreWrittenInTheIngestFormatWithTheirOriginalOffset() {
    assertThat(Times.iso(1_731_918_600_000L, 3600)).isEqualTo("2024-11-18T09:30:00+01:00");
    assertThat(Times.iso(1_731_918_600_250L, 0)).isEqualTo("2024-11-18T08:30:00.250Z");
    assertThat(Times.iso(1_731_918_600_000L, -(5 * 3600 + 30 * 60 + 15)))
        .isEqualTo("2024-11-18T02:59:45-05:30:15");
    assertThat(Times.iso(-1_000L, 0)).isEqualTo("1969-12-31T23:59:59Z");
  }
}
