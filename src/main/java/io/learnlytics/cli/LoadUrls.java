package io.learnlytics.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The dashboard URLs of the load run. Cached: one URL, as every open dashboard asks for the same
 * overview. Uncached: every distinct combination of the analytics endpoints' parameters (648 URLs),
 * shuffled and taken in turn; the response cache holds 100 answers, so a URL has long been evicted
 * when its turn comes again and each request computes its answer (the run reports the measured miss
 * ratio).
 */
final class LoadUrls {
  static final List<String> CACHED = List.of("/api/analytics/overview?period=30d");

  private static final List<String> PERIODS = List.of("7d", "30d", "90d", "365d");
  private static final List<String> PROGRESS = List.of("sessions", "quality", "exchanges");
  private static final List<String> TRENDS =
      List.of("quality", "sessions", "exchanges", "engagement", "duration");

  private LoadUrls() {}

  static List<String> uncached() {
    List<String> urls = new ArrayList<>();
    for (String p : PERIODS) {
      urls.add("/api/analytics/overview?period=" + p);
      for (int mask = 1; mask < 1 << PROGRESS.size(); mask++) {
        for (String g : List.of("daily", "weekly", "monthly")) {
          urls.add(
              "/api/analytics/progress?period="
                  + p
                  + "&metrics="
                  + subset(mask)
                  + "&granularity="
                  + g);
        }
      }
      for (String m : TRENDS) {
        for (String w : List.of("7", "14", "30")) {
          urls.add("/api/analytics/trends?period=" + p + "&metric=" + m + "&window=" + w);
        }
      }
    }
    for (String p : List.of("7d", "30d", "90d", "365d", "all")) {
      for (int limit = 1; limit <= 100; limit++) {
        urls.add("/api/analytics/topics?period=" + p + "&limit=" + limit);
      }
    }
    Collections.shuffle(urls, new Random(7));
    return List.copyOf(urls);
  }

  private static String subset(int mask) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < PROGRESS.size(); i++) {
      if ((mask & 1 << i) != 0) {
        names.add(PROGRESS.get(i));
      }
    }
    return String.join(",", names);
  }
}
