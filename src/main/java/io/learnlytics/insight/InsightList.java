package io.learnlytics.insight;

import io.learnlytics.rollup.DayMeta;
import java.util.List;

/**
 * A page of listed insights. {@code total} counts every listed insight matching the filters (not
 * only this page); {@code newSinceLastVisit} counts those of them not yet seen; {@code meta} is as
 * the goals'.
 */
public record InsightList(List<Insight> insights, int total, int newSinceLastVisit, DayMeta meta) {}
