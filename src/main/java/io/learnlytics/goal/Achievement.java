package io.learnlytics.goal;

import java.time.Instant;

/**
 * An unlocked achievement (the spec's Achievement); {@code period} reads "Week of Nov 18, 2025".
 */
public record Achievement(
    String id,
    String goalId,
    String name,
    String description,
    String icon,
    String period,
    Instant unlockedAt) {}
