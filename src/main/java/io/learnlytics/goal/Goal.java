package io.learnlytics.goal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A goal definition (the spec's GoalDefinition). {@code topic} is the optional filter: the goal
 * then counts only sessions, exchanges or quality scores about that topic.
 */
public record Goal(
    String id,
    String name,
    String description,
    String goalType,
    Frequency frequency,
    GoalMetric targetMetric,
    double targetValue,
    Comparison comparison,
    @Nullable String topic,
    @Nullable String icon,
    @Nullable String color,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {}
