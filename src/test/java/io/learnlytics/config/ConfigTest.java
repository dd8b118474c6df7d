package io.learnlytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTest {
  static Config bind(String host, String token, boolean insecure) {
    return new Config(
        Path.of("x.db"),
        host,
        8080,
        Optional.ofNullable(token),
        insecure,
        ZoneId.of("UTC"),
        DayOfWeek.MONDAY,
        0);
  }

  @Test
  void loopback_needs_no_token() {
    bind("127.0.0.1", null, false).checkBindIsSafe();
    bind("localhost", null, false).checkBindIsSafe();
  }

  @Test
  void public_bind_without_token_is_refused_unless_insecure() {
    assertThatThrownBy(() -> bind("0.0.0.0", null, false).checkBindIsSafe())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LEARNLYTICS_API_TOKEN")
        .hasMessageContaining("--insecure");
    bind("0.0.0.0", "t", false).checkBindIsSafe();
    bind("0.0.0.0", null, true).checkBindIsSafe();
  }

  @Test
  void blank_token_counts_as_no_token() {
    assertThat(bind("127.0.0.1", "  ", false).apiToken()).isEmpty();
  }

  @Test
  void token_never_appears_in_to_string() {
    assertThat(bind("127.0.0.1", "hunter2", false).toString())
        .doesNotContain("hunter2")
        .contains("<set>");
  }

  @Test
  void day_start_hour_and_port_are_range_checked() {
    assertThatThrownBy(
            () ->
                new Config(
                    Path.of("x"),
                    "h",
                    8080,
                    Optional.empty(),
                    false,
                    ZoneId.of("UTC"),
                    DayOfWeek.MONDAY,
                    24))
        .hasMessageContaining("day-start-hour")
        .hasMessageContaining("24");
    assertThatThrownBy(() -> bind("h", null, false).withPort(70000)).hasMessageContaining("70000");
  }
}
