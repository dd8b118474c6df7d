package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opt-in streak protection. All zero and no rest days is the plain rule: a learning day counts with
 * at least one session, and a day without one breaks the streak.
 *
 * @param freezesPerMonth missed days per calendar month that are bridged instead of breaking the
 *     streak (a frozen day keeps the streak but does not add to it)
 * @param restDays weekdays planned off: a rest day without learning bridges, one with learning
 *     counts
 * @param minExchanges with {@code minMinutes}, the minimum effort: a day counts when it has at
 *     least this many exchanges or at least {@code minMinutes} minutes (0 and 0: any session
 *     counts)
 */
public record StreakRules(
    int freezesPerMonth, Set<DayOfWeek> restDays, int minExchanges, int minMinutes) {
  public static final StreakRules NONE = new StreakRules(0, Set.of(), 0, 0);
  public static final int MAX_FREEZES = 31;
  public static final int MAX_EXCHANGES = 1000;
  public static final int MAX_MINUTES = 1440;

  public StreakRules {
    check("freezes_per_month", freezesPerMonth, MAX_FREEZES);
    check("min_exchanges", minExchanges, MAX_EXCHANGES);
    check("min_minutes", minMinutes, MAX_MINUTES);
    if (restDays.size() > 6) {
      throw new IllegalArgumentException("rest_days must leave at least one learning day a week");
    }
    restDays = restDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(restDays));
  }

  private static void check(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(field + " must be 0 to " + max + ", got " + value);
    }
  }

  public boolean protects() {
    return !equals(NONE);
  }

  /** Whether a day with this effort counts (it must have a session either way). */
  boolean counts(long sessions, long exchanges, long durationMs) {
    if (sessions == 0) {
      return false;
    }
    if (minExchanges == 0 && minMinutes == 0) {
      return true;
    }
    return (minExchanges > 0 && exchanges >= minExchanges)
        || (minMinutes > 0 && durationMs >= minMinutes * 60_000L);
  }

  /** Rest days as lowercase English names, Monday first. */
  public List<String> restDayNames() {
    return Arrays.stream(DayOfWeek.values())
        .filter(restDays::contains)
        .map(d -> d.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** The rules from a learning date on. */
  public record Dated(LocalDate from, StreakRules rules) {}

  /** The learner's rules, oldest first; empty when they never set any. */
  static List<Dated> history(Database db) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT from_date, freezes_per_month, rest_days, min_exchanges,"
                            + " min_minutes FROM streak_rules WHERE learner_id = ?"
                            + " ORDER BY from_date")
                    .bind(0, db.learner())
                    .map(
                        (rs, ctx) ->
                            new Dated(
                                LocalDate.parse(rs.getString(1)),
                                new StreakRules(
                                    rs.getInt(2),
                                    days(rs.getString(3)),
                                    rs.getInt(4),
                                    rs.getInt(5))))
                    .list());
  }

  /** Sets the rules from {@code from} on (replacing rules set earlier the same learning day). */
  static void save(Database db, LocalDate from, StreakRules rules, long nowUtc) {
    db.writer()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO streak_rules (learner_id, from_date, freezes_per_month,"
                            + " rest_days, min_exchanges, min_minutes, changed_utc)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner_id, from_date)"
                            + " DO UPDATE SET freezes_per_month = excluded.freezes_per_month,"
                            + " rest_days = excluded.rest_days,"
                            + " min_exchanges = excluded.min_exchanges,"
                            + " min_minutes = excluded.min_minutes,"
                            + " changed_utc = excluded.changed_utc")
                    .bind(0, db.learner())
                    .bind(1, from.toString())
                    .bind(2, rules.freezesPerMonth())
                    .bind(3, String.join(",", rules.restDayNames()))
                    .bind(4, rules.minExchanges())
                    .bind(5, rules.minMinutes())
                    .bind(6, nowUtc)
                    .execute());
  }

  private static Set<DayOfWeek> days(String stored) {
    if (stored.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(stored.split(","))
        .map(d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)))
        .collect(Collectors.toSet());
  }
}
