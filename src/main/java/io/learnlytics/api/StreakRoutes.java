package io.learnlytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.learnlytics.cache.ResponseCache;
import io.learnlytics.cache.ResponseCache.Policy;
import io.learnlytics.goal.GoalService;
import io.learnlytics.rollup.StreakRules;
import io.learnlytics.support.ApiException.InvalidInput;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/analytics/streak}: why the streak is what it is (cached per learning day), and {@code
 * PUT /api/analytics/streak/protection} to set opt-in protection from today on.
 */
final class StreakRoutes {
  static final String STREAK = "/api/analytics/streak";
  static final String PROTECTION = "/api/analytics/streak/protection";
  static final Policy POLICY = new Policy(Duration.ofSeconds(300), Duration.ofSeconds(60));

  private static final Set<String> FIELDS =
      Set.of("freezes_per_month", "rest_days", "min_exchanges", "min_minutes");
  private static final List<String> WEEK_DAYS = LearnerRoutes.WEEK_DAYS;

  private final LearnerScope scope;
  private final ResponseCache cache;

  StreakRoutes(LearnerScope scope, ResponseCache cache) {
    this.scope = scope;
    this.cache = cache;
  }

  void view(Context ctx) {
    var ws = scope.of(ctx);
    GoalService goals = ws.goals();
    ctx.contentType("application/json")
        .result(
            cache.get(STREAK, LearnerScope.dayKey(ctx, ws, Map.of()), POLICY, goals::streakReport));
  }

  void protect(Context ctx) {
    StreakRules rules = rules(GoalRoutes.body(ctx));
    ctx.json(scope.of(ctx).goals().protect(rules));
  }

  /** The rules of a request body; a field left out is off (0, or no rest days). */
  static StreakRules rules(JsonNode body) {
    if (!body.isObject()) {
      throw InvalidInput.of("body", "must be a JSON object with any of " + FIELDS);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw InvalidInput.of(name, "is not a streak protection setting; allowed: " + FIELDS);
      }
    }
    int freezes =
        count(body.get("freezes_per_month"), "freezes_per_month", StreakRules.MAX_FREEZES);
    int exchanges = count(body.get("min_exchanges"), "min_exchanges", StreakRules.MAX_EXCHANGES);
    int minutes = count(body.get("min_minutes"), "min_minutes", StreakRules.MAX_MINUTES);
    Set<DayOfWeek> rest = restDays(body.get("rest_days"));
    return new StreakRules(freezes, rest, exchanges, minutes);
  }

  private static int count(@Nullable JsonNode n, String field, int max) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isInt() || n.asInt() < 0 || n.asInt() > max) {
      throw InvalidInput.of(field, "must be an integer from 0 to " + max + ", got " + n);
    }
    return n.asInt();
  }

  private static Set<DayOfWeek> restDays(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return Set.of();
    }
    if (!n.isArray()) {
      throw InvalidInput.of("rest_days", "must be an array of " + WEEK_DAYS + ", got " + n);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (JsonNode d : n) {
      if (!d.isTextual() || !WEEK_DAYS.contains(d.asText())) {
        throw InvalidInput.of("rest_days", "each must be one of " + WEEK_DAYS + ", got " + d);
      }
      days.add(DayOfWeek.valueOf(d.asText().toUpperCase(Locale.ROOT)));
    }
    if (days.size() > 6) {
      throw InvalidInput.of("rest_days", "must leave at least one learning day a week");
    }
    return days;
  }
}
