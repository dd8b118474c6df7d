package io.learnlytics.ingest;

import java.util.List;

/**
 * What a batch did: events newly stored, idempotent re-sends skipped, and re-sends of a known id
 * with different content, which are reported and not applied.
 */
public record IngestResult(int accepted, int duplicates, List<Conflict> conflicts) {
  public IngestResult {
    conflicts = List.copyOf(conflicts);
  }

  /** An event whose id is already stored with different content. */
  public record Conflict(int index, String kind, String id, String message) {}
}
