package io.learnlytics.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves by hand: "now" for everything time-dependent, without sleeping. */
public final class MovableClock extends Clock {
  public volatile Instant now;
  private final ZoneId zone;

  public MovableClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public MovableClock(String instant, ZoneId zone) {
    this(Instant.parse(instant), zone);
  }

  public void advanceSeconds(long seconds) {
    now = now.plusSeconds(seconds);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MovableClock(now, other);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
