package io.learnlytics.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps rows of the assistant's tables to Learnlytics events (DESIGN.md §4). Ids are derived from
 * the source rowid ({@code cap-42}, {@code q-7}), so syncing a row again is an idempotent duplicate
 * and an edited row shows up as a conflict. The assistant writes naive timestamps in UTC ({@code
 * 2025-11-18 09:30:00.123456}); they are read as UTC.
 *
 * <p>A row that cannot become an event is a {@link Mapped#skip} with the reason; malformed capture
 * metadata drops only the metadata (and the topics it held), which is reported the same way.
 */
final class RowMapper {
  private static final DateTimeFormatter NAIVE =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT); // 2025-02-30 is an error, not 2025-02-28

  private RowMapper() {}

  /** The events of one row, or why there are none; {@code warning} notes a partial mapping. */
  record Mapped(
      List<JsonNode> events,
      @Nullable String skip,
      @Nullable String warning,
      @Nullable Long tsUtc) {
    static Mapped skip(String why) {
      return new Mapped(List.of(), why, null, null);
    }
  }

  static String exchangeId(Object sourceExchangeId) {
    return "cap-" + sourceExchangeId;
  }

  static Mapped map(SourceTables table, SourceRow row) {
    return switch (table) {
      case CAPTURES -> capture(row);
      case EXPLICIT_FEEDBACK -> explicitFeedback(row);
      case IMPLICIT_FEEDBACK -> implicitFeedback(row);
      case CORRECTIONS -> correction(row);
      case QUALITY -> quality(row);
    };
  }

  private static Mapped capture(SourceRow row) {
    OffsetDateTime ts = timestamp(row.text("timestamp"));
    if (ts == null) {
      return Mapped.skip("timestamp '" + row.text("timestamp") + "' is not a date and time");
    }
    String session = row.text("session_id");
    if (session == null || session.isBlank()) {
      return Mapped.skip("session_id is empty");
    }
    ObjectNode e = event("exchange", "cap-" + row.rowid());
    e.put("session_id", session);
    e.put("timestamp", ts.toString());
    putText(e, "user_text", row.text("user_text"));
    putText(e, "agent_text", row.text("agent_text"));
    String warning = null;
    String metadata = row.text("metadata");
    if (metadata != null && !metadata.isBlank()) {
      JsonNode m = parse(metadata);
      if (m == null || !m.isObject()) {
        warning = "metadata is not a JSON object; the capture was synced without it";
      } else {
        applyMetadata(e, (ObjectNode) m);
      }
    }
    return new Mapped(List.of(e), null, warning, ts.toInstant().toEpochMilli());
  }

  /** Topics (from {@code topics} or {@code concepts}) and duration come out of the metadata. */
  private static void applyMetadata(ObjectNode e, ObjectNode m) {
    ArrayNode topics = Json.MAPPER.createArrayNode();
    for (String field : List.of("topics", "concepts")) {
      JsonNode list = m.get(field);
      if (list != null && list.isArray()) {
        for (JsonNode t : list) {
          if (t.isTextual() && !t.textValue().isBlank() && topics.size() < 100) {
            topics.add(t.textValue());
          }
        }
      }
    }
    if (!topics.isEmpty()) {
      e.set("topics", topics);
    }
    JsonNode ms = m.get("duration_ms");
    JsonNode seconds = m.get("duration");
    if (ms != null && ms.isNumber() && ms.asDouble() >= 0 && ms.asDouble() <= 86_400_000) {
      e.put("duration_ms", Math.round(ms.asDouble()));
    } else if (seconds != null
        && seconds.isNumber()
        && seconds.asDouble() >= 0
        && seconds.asDouble() <= 86_400) {
      e.put("duration_ms", Math.round(seconds.asDouble() * 1000));
    }
    e.set("metadata", m);
  }

  private static Mapped explicitFeedback(SourceRow row) {
    OffsetDateTime ts = timestamp(row.text("timestamp"));
    if (ts == null) {
      return Mapped.skip("timestamp '" + row.text("timestamp") + "' is not a date and time");
    }
    ObjectNode f = event("feedback", "fb-" + row.rowid());
    f.put("exchange_id", exchangeRef(row));
    f.put("timestamp", ts.toString());
    Long rating = row.integer("rating");
    Boolean helpful = row.flag("helpful");
    if (rating != null) {
      f.put("type", "rating");
      f.put("rating", rating);
    } else if (helpful != null) {
      f.put("type", helpful ? "thumbs_up" : "thumbs_down");
    } else {
      return Mapped.skip("neither rating nor helpful is set");
    }
    putText(f, "comment", row.text("comment"));
    return new Mapped(List.of(f), null, null, ts.toInstant().toEpochMilli());
  }

  /** Each engagement signal the row holds ({@code copied}, {@code shared}, ...) is one event. */
  private static Mapped implicitFeedback(SourceRow row) {
    OffsetDateTime ts = timestamp(row.text("timestamp"));
    if (ts == null) {
      return Mapped.skip("timestamp '" + row.text("timestamp") + "' is not a date and time");
    }
    List<JsonNode> events = new ArrayList<>();
    String[][] signals = {
      {"copied", "copy"},
      {"shared", "share"},
      {"follow_up", "follow_up"},
      {"clarification", "clarification"}
    };
    for (String[] s : signals) {
      if (Boolean.TRUE.equals(row.flag(s[0]))) {
        ObjectNode f = event("feedback", "imp-" + row.rowid() + "-" + s[1]);
        f.put("exchange_id", exchangeRef(row));
        f.put("timestamp", ts.toString());
        f.put("type", s[1]);
        events.add(f);
      }
    }
    return new Mapped(events, null, null, ts.toInstant().toEpochMilli());
  }

  private static Mapped correction(SourceRow row) {
    OffsetDateTime ts = timestamp(row.text("timestamp"));
    if (ts == null) {
      return Mapped.skip("timestamp '" + row.text("timestamp") + "' is not a date and time");
    }
    ObjectNode f = event("feedback", "corr-" + row.rowid());
    f.put("exchange_id", exchangeRef(row));
    f.put("timestamp", ts.toString());
    f.put("type", "correction");
    putText(f, "comment", row.text("corrected"));
    return new Mapped(List.of(f), null, null, ts.toInstant().toEpochMilli());
  }

  private static Mapped quality(SourceRow row) {
    Long exchange = row.integer("exchange_id");
    if (exchange == null) {
      return Mapped.skip("exchange_id is not a capture id");
    }
    ObjectNode q = event("quality", "q-" + row.rowid());
    q.put("exchange_id", exchangeId(exchange));
    OffsetDateTime ts = timestamp(row.text("timestamp"));
    if (ts != null) {
      q.put("timestamp", ts.toString());
    }
    for (String dim : List.of("relevance", "helpfulness", "accuracy", "clarity", "composite")) {
      Double v = row.real(dim);
      if (v != null) {
        q.put(dim, v);
      }
    }
    Double engagement = row.real("engagement");
    if (engagement != null) {
      q.put("engagement", engagement);
    }
    return new Mapped(List.of(q), null, null, ts == null ? null : ts.toInstant().toEpochMilli());
  }

  /** The capture a feedback row is about, or its session when it names none. */
  private static String exchangeRef(SourceRow row) {
    Long exchange = row.integer("exchange_id");
    return exchange != null ? exchangeId(exchange) : "session:" + row.text("session_id");
  }

  /** A naive timestamp read as UTC; one with an offset keeps it. Null when unreadable. */
  static @Nullable OffsetDateTime timestamp(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    LocalDateTime usual = usualForm(t);
    if (usual != null) {
      return usual.atOffset(ZoneOffset.UTC);
    }
    try {
      return LocalDateTime.parse(t, NAIVE).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t.replace(' ', 'T'));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /**
   * The assistant's own form, {@code yyyy-MM-dd HH:mm:ss[.f...]}, read by position: a sync reads
   * millions of them, and the general formatter costs more than the rest of the row. Null for any
   * other form (the formatter then decides).
   */
  private static @Nullable LocalDateTime usualForm(String t) {
    int n = t.length();
    if (n < 19
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != ' '
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int nanos = 0;
    if (n > 19) {
      if (t.charAt(19) != '.' || n == 20 || n > 29) {
        return null;
      }
      int digits = digits(t, 20, n);
      if (digits < 0) {
        return null;
      }
      nanos = digits * POWERS[29 - n];
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    } catch (java.time.DateTimeException e) {
      return null; // 2025-02-30 and the like
    }
  }

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  /** The decimal number in {@code t[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static ObjectNode event(String kind, String id) {
    return Json.MAPPER.createObjectNode().put("kind", kind).put("id", id);
  }

  private static void putText(ObjectNode n, String field, @Nullable String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static @Nullable JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
