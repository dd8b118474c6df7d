package io.learnlytics.rollup;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rollup row: the specification's {@code AggregatedMetrics} for one bucket (DESIGN.md §5).
 * Durations are in milliseconds; means are null when nothing was measured in the bucket. {@code
 * peakHour} is set for daily and coarser levels, {@code dayDistribution} for weekly and monthly,
 * the trend fields (change against the previous bucket of the same level) for daily and coarser.
 */
public record Rollup(
    Level level,
    long periodStartUtc,
    long periodEndUtc,
    String localStart,
    long sessionCount,
    long exchangeCount,
    int uniqueTopics,
    long totalDurationMs,
    @Nullable Double avgSessionDurationMs,
    @Nullable Double medianSessionDurationMs,
    long qualityCount,
    @Nullable Double avgQualityComposite,
    @Nullable Double avgQualityRelevance,
    @Nullable Double avgQualityHelpfulness,
    @Nullable Double avgQualityAccuracy,
    @Nullable Double avgQualityClarity,
    @Nullable Double avgQualityEngagement,
    @Nullable Double qualityStdDev,
    long feedbackCount,
    long positiveFeedbackCount,
    long negativeFeedbackCount,
    @Nullable Double positiveFeedbackRate,
    long correctionCount,
    long clarificationCount,
    @Nullable Double avgExchangesPerSession,
    @Nullable Integer peakHour,
    @Nullable Map<String, Long> dayDistribution,
    List<String> topTopics,
    Map<String, Long> topicDistribution,
    Map<String, Long> topicSessions,
    Map<String, TopicQuality> topicQuality,
    @Nullable Double qualityChange,
    @Nullable Double volumeChange,
    @Nullable String trendDirection) {

  /** This row with its trend fields replaced. */
  Rollup withTrend(Trend t) {
    return new Rollup(
        level,
        periodStartUtc,
        periodEndUtc,
        localStart,
        sessionCount,
        exchangeCount,
        uniqueTopics,
        totalDurationMs,
        avgSessionDurationMs,
        medianSessionDurationMs,
        qualityCount,
        avgQualityComposite,
        avgQualityRelevance,
        avgQualityHelpfulness,
        avgQualityAccuracy,
        avgQualityClarity,
        avgQualityEngagement,
        qualityStdDev,
        feedbackCount,
        positiveFeedbackCount,
        negativeFeedbackCount,
        positiveFeedbackRate,
        correctionCount,
        clarificationCount,
        avgExchangesPerSession,
        peakHour,
        dayDistribution,
        topTopics,
        topicDistribution,
        topicSessions,
        topicQuality,
        t.qualityChange(),
        t.volumeChange(),
        t.direction());
  }
}
