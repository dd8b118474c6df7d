package io.learnlytics.insight;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One generated insight as the API shows it. {@code data} is the evidence behind it (the values
 * compared, the window and the threshold), so a person can see why it was generated; {@code isNew}
 * is true until the insight has been seen ({@link InsightService#markSeen()}); {@code actionUrl} is
 * the relative URL of the page where it can be followed up ({@link ActionUrls}), null without one.
 */
public record Insight(
    String id,
    String type,
    String title,
    String description,
    String importance,
    String icon,
    Map<String, Object> data,
    Instant generatedAt,
    @Nullable Instant expiresAt,
    boolean isNew,
    @Nullable String actionUrl) {}
