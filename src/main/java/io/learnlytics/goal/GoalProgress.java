package io.learnlytics.goal;

/** Progress of one goal over one period (the spec's GoalProgress). */
record GoalProgress(
    double current,
    double target,
    double progress,
    String status,
    long periodStartUtc,
    long periodEndUtc) {}
