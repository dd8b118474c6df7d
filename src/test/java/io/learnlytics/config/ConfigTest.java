package io.learnlytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnlytics.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConfigTest {
  static Config bind(String host, String token, boolean insecure) {
    return TestConfig.forDb(Path.of("x.db"))
        .withHost(host)
        .withPort(8080)
        .withToken(token)
        .withInsecure(insecure)
        .build();
  }

  @Test
  void loopback_needs_no_token() {
    bind("127.0.0.1", null, false).checkBindIsSafe(false);
    bind("localhost", null, false).checkBindIsSafe(false);
  }

  @Test
  void public_bind_without_any_token_is_refused_unless_insecure() {
    assertThatThrownBy(() -> bind("0.0.0.0", null, false).checkBindIsSafe(false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LEARNLYTICS_API_TOKEN")
        .hasMessageContaining("--insecure")
        .hasMessageContaining("token create");
    bind("0.0.0.0", "t", false).checkBindIsSafe(false);
    bind("0.0.0.0", null, false).checkBindIsSafe(true); // stored tokens not revoked
    bind("0.0.0.0", null, true).checkBindIsSafe(false);
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
    assertThatThrownBy(() -> TestConfig.forDb(Path.of("x.db")).withDayStartHour(24).build())
        .hasMessageContaining("day-start-hour")
        .hasMessageContaining("24");
    assertThatThrownBy(() -> bind("h", null, false).withPort(70000)).hasMessageContaining("70000");
  }

  @Test
  void the_query_limit_defaults_to_5_seconds_and_is_range_checked() {
    LocalDate from = LocalDate.of(2000, 1, 1);
    Duration day = Duration.ofHours(24);
    Duration lock = Duration.ofSeconds(10);

    assertThat(Ingest.DEFAULT.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(new Ingest(from, day, lock, Duration.ZERO).queryTimeout()).isZero();
    assertThatThrownBy(() -> new Ingest(from, day, lock, Duration.ofSeconds(-1)))
        .hasMessage("query-timeout-seconds must be from 0 to 600, got -1");
    assertThatThrownBy(() -> new Ingest(from, day, lock, Duration.ofSeconds(601)))
        .hasMessageContaining("601");
  }

  /** Issue 10: the hourly minimum was declared but never checked. */
  @Test
  void retention_below_its_minimum_is_refused_with_the_reason() {
    assertThatThrownBy(() -> new Config.Retention(100, 800))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retention-hourly-days")
        .hasMessageContaining("at least 367")
        .hasMessageContaining("got 100");
    assertThatThrownBy(() -> new Config.Retention(-5, 800)).hasMessageContaining("got -5");
    assertThatThrownBy(() -> new Config.Retention(400, 399)).hasMessageContaining("at least 400");
    assertThat(new Config.Retention(0, 0).hourlyDays()).isZero();
    assertThat(new Config.Retention(367, 400).dailyDays()).isEqualTo(400);
  }

  @Test
  void the_server_refuses_to_start_with_too_short_a_retention() {
    io.learnlytics.testing.Cli.Run run =
        io.learnlytics.testing.Cli.run(
            "serve", "--db", "unused.db", "--port", "0", "--retention-hourly-days", "30");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("at least 367");
  }
}
