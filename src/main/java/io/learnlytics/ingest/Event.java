package io.learnlytics.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One validated learning event (DESIGN.md §4). Instants are UTC epoch milliseconds; offsets are the
 * sender's UTC offset in seconds. The fingerprint is a hash of the normalised content: equal
 * fingerprints under one id mean an idempotent retry, different ones a conflict.
 */
public sealed interface Event {
  String kind();

  String id();

  long fingerprint();

  /** A turn of conversation with the assistant; exchanges with one session id form a session. */
  record Exchange(
      String id,
      String sessionId,
      long tsUtc,
      int offsetSeconds,
      @Nullable String userText,
      @Nullable String agentText,
      long durationMs,
      List<String> topics,
      @Nullable String metadataJson,
      long fingerprint)
      implements Event {
    public Exchange {
      topics = List.copyOf(topics);
    }

    @Override
    public String kind() {
      return "exchange";
    }
  }

  /** Explicit or implicit feedback on an exchange. */
  record Feedback(
      String id,
      String exchangeId,
      long tsUtc,
      int offsetSeconds,
      String type,
      @Nullable Integer rating,
      @Nullable String comment,
      long fingerprint)
      implements Event {
    @Override
    public String kind() {
      return "feedback";
    }
  }

  /**
   * A quality score of an exchange. Without a timestamp it takes its exchange's, which ingest
   * resolves inside the write transaction ({@code tsUtc} and {@code offsetSeconds} are null until
   * then).
   */
  record Quality(
      String id,
      String exchangeId,
      @Nullable Long tsUtc,
      @Nullable Integer offsetSeconds,
      @Nullable Double relevance,
      @Nullable Double helpfulness,
      @Nullable Double accuracy,
      @Nullable Double clarity,
      @Nullable Double engagement,
      double composite,
      long fingerprint)
      implements Event {
    @Override
    public String kind() {
      return "quality";
    }

    /**
     * This score placed at its exchange's time. The fingerprint covers the resolved time, so the
     * score re-sent with that timestamp written out (as exports do) is the same score.
     */
    Quality at(long ts, int offset) {
      return of(
          id,
          exchangeId,
          ts,
          offset,
          relevance,
          helpfulness,
          accuracy,
          clarity,
          engagement,
          composite);
    }

    /** A score with its fingerprint computed from its content. */
    static Quality of(
        String id,
        String exchangeId,
        @Nullable Long tsUtc,
        @Nullable Integer offsetSeconds,
        @Nullable Double relevance,
        @Nullable Double helpfulness,
        @Nullable Double accuracy,
        @Nullable Double clarity,
        @Nullable Double engagement,
        double composite) {
      return new Quality(
          id,
          exchangeId,
          tsUtc,
          offsetSeconds,
          relevance,
          helpfulness,
          accuracy,
          clarity,
          engagement,
          composite,
          Fingerprint.of(
              "quality",
              id,
              exchangeId,
              tsUtc == null ? null : tsUtc + "/" + offsetSeconds,
              relevance,
              helpfulness,
              accuracy,
              clarity,
              engagement,
              composite));
    }
  }

  /** An edge of the concept graph. */
  record Relation(
      String id,
      String source,
      String target,
      String type,
      @Nullable Double strength,
      @Nullable Long tsUtc,
      @Nullable Integer offsetSeconds,
      long fingerprint)
      implements Event {
    @Override
    public String kind() {
      return "relation";
    }
  }
}
