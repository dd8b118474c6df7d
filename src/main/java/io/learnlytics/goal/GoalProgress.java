package io.learnlytics.goal;

import org.jspecify.annotations.Nullable;

/**
 * Progress of one goal over one period (the spec's GoalProgress); {@code pace} is {@code on_track}
 * or {@code at_risk} for a goal judged when its period ends, while it is in progress.
 */
record GoalProgress(
    double current,
    double target,
    double progress,
    String status,
    @Nullable String pace,
    long periodStartUtc,
    long periodEndUtc) {}
