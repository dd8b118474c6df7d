package io.learnlytics.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of cases by route, category and status, and the failures, printed at the end. */
final class FuzzTally {
  final Map<String, Integer> byRoute = new TreeMap<>();
  final Map<String, Integer> byCategory = new TreeMap<>();
  final Map<Integer, Integer> byStatus = new TreeMap<>();
  final List<String> failures = new ArrayList<>();
  private final java.util.Set<String> kinds = new java.util.HashSet<>();
  int total;
  int serverErrors;
  int hangs;
  long slowestMillis;

  void count(FuzzCase c, int status, long millis) {
    total++;
    byRoute.merge(c.route().key(), 1, Integer::sum);
    byCategory.merge(c.category(), 1, Integer::sum);
    byStatus.merge(status, 1, Integer::sum);
    slowestMillis = Math.max(slowestMillis, millis);
  }

  /** Records a failure; only the first of each kind (route, category, problem) is kept. */
  void fail(FuzzCase c, String why) {
    String kind = c.route().key() + c.category() + why.substring(0, Math.min(why.length(), 30));
    if (kinds.add(kind) && failures.size() < 60) {
      failures.add(why + " <- " + c.describe());
    }
  }

  String report(long seed, long elapsedMillis, long peakHeap, long peakAfterGc) {
    StringBuilder out = new StringBuilder("hostile-input fuzz: seed " + seed + "\n");
    byRoute.forEach((r, n) -> out.append(String.format("  %-45s %6d cases%n", r, n)));
    byCategory.forEach((k, n) -> out.append(String.format("  category %-12s %6d%n", k, n)));
    out.append("  statuses ").append(byStatus).append('\n');
    out.append(
        String.format(
            "  TOTAL %d cases in %.1f s: 5xx %d, hangs %d, slowest %d ms,"
                + " peak heap used %.1f MiB, peak heap after GC %.1f MiB%n",
            total,
            elapsedMillis / 1000.0,
            serverErrors,
            hangs,
            slowestMillis,
            peakHeap / 1048576.0,
            peakAfterGc / 1048576.0));
    failures.forEach(f -> out.append("  FAIL ").append(f).append('\n'));
    return out.toString();
  }
}
