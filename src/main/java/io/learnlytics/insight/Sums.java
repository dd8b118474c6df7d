package io.learnlytics.insight;

import io.learnlytics.rollup.Rollup;
import java.util.Collection;

/**
 * Exact totals over rollup rows: counts add up, and quality is the mean of all scores — each row's
 * mean weighted by its score count ({@code sum(avg * count) / sum(count)}), never a mean of means.
 */
final class Sums {
  long sessions;
  long exchanges;
  long corrections;
  long qualityCount;
  double qualitySum;

  static Sums of(Collection<Rollup> rows) {
    Sums s = new Sums();
    rows.forEach(s::add);
    return s;
  }

  void add(Rollup r) {
    sessions += r.sessionCount();
    exchanges += r.exchangeCount();
    corrections += r.correctionCount();
    if (r.qualityCount() > 0 && r.avgQualityComposite() != null) {
      qualityCount += r.qualityCount();
      qualitySum += r.avgQualityComposite() * r.qualityCount();
    }
  }

  /** Mean composite quality of every score, or null without scores. */
  Double quality() {
    return qualityCount == 0 ? null : qualitySum / qualityCount;
  }
}
