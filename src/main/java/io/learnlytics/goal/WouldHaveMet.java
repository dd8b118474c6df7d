package io.learnlytics.goal;

import java.time.Instant;

/**
 * A period that ended before its goal was created, in which the goal would have been met: shown as
 * history, never unlocked as an achievement. {@code period} reads like an achievement's ("Week of
 * Nov 10, 2025").
 */
public record WouldHaveMet(
    String goalId,
    String name,
    String period,
    Instant periodStart,
    double current,
    double target) {}
