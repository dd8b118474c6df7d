package io.learnlytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.learnlytics.App;
import io.learnlytics.learner.LearnerSettings;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.CalendarRules;
import io.learnlytics.rollup.LearnerCalendars;
import io.learnlytics.support.ApiException.InvalidInput;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/learners}: who exists and their calendars. {@code PUT /api/learners/{learner}} adds a
 * learner (with the default goals) or changes a learner's calendar from now on (days already passed
 * keep their boundaries). These routes manage learners, so a learner's own token cannot use them.
 */
final class LearnerRoutes {
  static final String LEARNERS = "/api/learners";

  private static final Set<String> FIELDS = Set.of("zone", "day_start_hour", "week_start");

  /** The week days as this API writes them: lowercase English names, Monday first. */
  static final List<String> WEEK_DAYS =
      Arrays.stream(DayOfWeek.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList();

  private final App app;

  LearnerRoutes(App app) {
    this.app = app;
  }

  void list(Context ctx) {
    ctx.json(Map.of("learners", app.learners().all().stream().map(this::view).toList()));
  }

  void get(Context ctx) {
    String id = LearnerScope.learnerOf(ctx);
    ctx.json(view(app.learners().find(id).orElseThrow(() -> LearnerScope.unknown(id))));
  }

  void put(Context ctx) {
    String id = LearnerScope.learnerOf(ctx);
    if (!LearnerSettings.isValidId(id)) {
      throw InvalidInput.of("learner", "must be " + LearnerSettings.ID_RULE + ", got '" + id + "'");
    }
    LearnerSettings s = settings(id, GoalRoutes.body(ctx));
    boolean created = app.putLearner(s);
    ctx.status(created ? 201 : 200).json(view(s));
  }

  /** The learner's settings as stored (null: the server's) and as in effect. */
  private Map<String, Object> view(LearnerSettings s) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("zone", s.zone() == null ? null : s.zone().getId());
    m.put("day_start_hour", s.dayStartHour());
    m.put("week_start", s.weekStart() == null ? null : day(s.weekStart()));
    CalendarRules r = s.rules(app.serverCalendar());
    m.put(
        "effective",
        Map.of(
            "zone", r.zone().getId(),
            "day_start_hour", r.dayStartHour(),
            "week_start", day(r.weekStart())));
    m.put("calendar_history", history(s.id()));
    @SuppressWarnings("NullAway") // Jackson writes the nulls as JSON null
    Map<String, Object> out = m;
    return out;
  }

  /** The settings the learner had before each change, oldest first, with when each ended. */
  private List<Map<String, Object>> history(String id) {
    Buckets b = LearnerCalendars.of(app.db(), id, new Buckets(app.serverCalendar()));
    return b.changes().stream()
        .map(
            c ->
                Map.<String, Object>of(
                    "until", Instant.ofEpochMilli(c.atUtc()).toString(),
                    "zone", c.before().zone().getId(),
                    "day_start_hour", c.before().dayStartHour(),
                    "week_start", day(c.before().weekStart())))
        .toList();
  }

  static LearnerSettings settings(String id, JsonNode body) {
    if (!body.isObject()) {
      throw InvalidInput.of("body", "must be a JSON object with any of " + FIELDS);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw InvalidInput.of(name, "is not a learner setting; allowed: " + FIELDS);
      }
    }
    return new LearnerSettings(
        id,
        zone(body.get("zone")),
        hour(body.get("day_start_hour")),
        weekStart(body.get("week_start")));
  }

  private static @Nullable ZoneId zone(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return LearnerSettings.zone(n.isTextual() ? n.asText() : n.toString());
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("zone", String.valueOf(e.getMessage()));
    }
  }

  private static @Nullable Integer hour(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isInt() || n.asInt() < 0 || n.asInt() > 23) {
      throw InvalidInput.of("day_start_hour", "must be an integer from 0 to 23, got " + n);
    }
    return n.asInt();
  }

  private static @Nullable DayOfWeek weekStart(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String text = n.isTextual() ? n.asText() : "";
    if (!WEEK_DAYS.contains(text)) {
      throw InvalidInput.of("week_start", "must be one of " + WEEK_DAYS + ", got " + n);
    }
    return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
  }

  private static String day(DayOfWeek d) {
    return d.name().toLowerCase(Locale.ROOT);
  }
}
