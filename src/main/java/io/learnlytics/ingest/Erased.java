package io.learnlytics.ingest;

/**
 * What a deletion removed: events of each kind (feedback and quality scores of a deleted exchange
 * go with it).
 */
public record Erased(int exchanges, int feedback, int quality, int relations) {
  public int total() {
    return exchanges + feedback + quality + relations;
  }
}
