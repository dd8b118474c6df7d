package io.learnlytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The events a test sends, built the way the assistant would: sessions of exchanges 2 minutes apart
 * (30 s each), each on one topic and scored or not, and concept relations. Ids are numbered in the
 * order things are added.
 */
public final class SessionEvents {
  private final List<JsonNode> events = new ArrayList<>();
  private int seq;

  /**
   * Adds a session of {@code exchanges} exchanges from {@code start}, each on {@code topic} and
   * scored {@code quality} (or not).
   */
  public Session session(Instant start, int exchanges, @Nullable Double quality, String topic) {
    String session = "s" + (++seq);
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < exchanges; i++) {
      String id = "e" + (++seq);
      Instant t = start.plus(Duration.ofMinutes(2L * i));
      ObjectNode e =
          Json.MAPPER
              .createObjectNode()
              .put("kind", "exchange")
              .put("id", id)
              .put("session_id", session)
              .put("timestamp", t.toString())
              .put("duration_ms", 30_000);
      e.putArray("topics").add(topic);
      events.add(e);
      times.add(t);
      if (quality != null) {
        events.add(
            Json.MAPPER
                .createObjectNode()
                .put("kind", "quality")
                .put("id", "q" + (++seq))
                .put("exchange_id", id)
                .put("composite", quality));
      }
    }
    return new Session(session, List.copyOf(times));
  }

  /** Adds a relation between two concepts. */
  public void relation(String source, String target, String type, double strength) {
    events.add(
        Json.MAPPER
            .createObjectNode()
            .put("kind", "relation")
            .put("id", "r" + (++seq))
            .put("source", source)
            .put("target", target)
            .put("type", type)
            .put("strength", strength));
  }

  /** A session's id and the instants of its exchanges. */
  public record Session(String id, List<Instant> exchanges) {}

  /** Everything added, in order. */
  public List<JsonNode> all() {
    return List.copyOf(events);
  }
}
