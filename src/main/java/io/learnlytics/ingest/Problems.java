package io.learnlytics.ingest;

import io.learnlytics.support.ApiException.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found in one batch. All are counted, but only the first {@value #MAX_DETAILS} are
 * kept for the answer, so a 50 000-event batch of garbage costs a bounded error body.
 */
final class Problems {
  static final int MAX_DETAILS = 1000;

  private final List<FieldError> details = new ArrayList<>();
  private final Set<Integer> badEvents = new HashSet<>();
  private int count;

  void add(FieldError e) {
    count++;
    badEvents.add(e.index());
    if (details.size() < MAX_DETAILS) {
      details.add(e);
    }
  }

  int count() {
    return count;
  }

  boolean isEmpty() {
    return count == 0;
  }

  List<FieldError> details() {
    return details;
  }

  /** "3 of 10 events are invalid; nothing was written", noting any details left out. */
  String summary(int total) {
    String s = badEvents.size() + " of " + total + " events are invalid; nothing was written";
    return count > details.size()
        ? s + " (the first " + details.size() + " of " + count + " problems are listed)"
        : s;
  }
}
