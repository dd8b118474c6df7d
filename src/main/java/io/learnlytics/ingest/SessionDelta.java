package io.learnlytics.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The part of one session contributed by a batch: its first start, last end and topics. */
final class SessionDelta {
  long startUtc;
  int startOffset;
  long lastUtc;
  long lastDurationMs;
  int count;
  final TreeSet<Integer> topicIds = new TreeSet<>();

  SessionDelta(Event.Exchange first) {
    startUtc = first.tsUtc();
    startOffset = first.offsetSeconds();
    lastUtc = first.tsUtc();
    lastDurationMs = first.durationMs();
  }

  void addTopicIds(@Nullable String csv) {
    if (csv != null && !csv.isEmpty()) {
      for (String id : csv.split(",")) {
        topicIds.add(Integer.parseInt(id));
      }
    }
  }

  /** Binds the session upsert: the delta's columns, then whose session it is. */
  void bind(PreparedStatement ps, String sessionId, String learner) throws SQLException {
    ps.setString(1, sessionId);
    ps.setLong(2, startUtc);
    ps.setInt(3, startOffset);
    ps.setLong(4, lastUtc);
    ps.setLong(5, lastDurationMs);
    ps.setInt(6, count);
    ps.setString(7, TopicDictionary.join(topicIds));
    ps.setString(8, learner);
  }

  void add(Event.Exchange e, @Nullable String exchangeTopicIds) {
    addTopicIds(exchangeTopicIds);
    if (e.tsUtc() < startUtc) {
      startUtc = e.tsUtc();
      startOffset = e.offsetSeconds();
    }
    if (e.tsUtc() > lastUtc || (e.tsUtc() == lastUtc && e.durationMs() > lastDurationMs)) {
      lastUtc = e.tsUtc();
      lastDurationMs = e.durationMs();
    }
    count++;
  }
}
