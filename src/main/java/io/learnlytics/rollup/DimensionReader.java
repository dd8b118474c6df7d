package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import io.learnlytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.TreeMap;

/**
 * Reads quality dimensions exactly. Rollup rows keep each dimension's mean but not how many scores
 * carried it (a score may leave any dimension out), so their means cannot be combined; the day
 * states keep count and sum, and are read instead.
 */
public final class DimensionReader {
  private final Database db;
  private final RawScanner scanner;

  /** {@code db} must be the view of the learner {@code rollups} belong to. */
  public DimensionReader(RollupEngine rollups, Database db) {
    this.db = db;
    this.scanner = new RawScanner(rollups.buckets(), db.learner());
  }

  /**
   * Count and sum of each dimension of the scores of the learning days starting in {@code
   * [daysFromUtc, daysToUtc)}, from their day states, and of the scores in {@code [daysToUtc,
   * cutoffUtc)} — at most part of one day, the end of a previous period cut at equal elapsed time —
   * from the raw scores.
   */
  public QualityDimensions read(long daysFromUtc, long daysToUtc, long cutoffUtc) {
    long[] counts = new long[QualityDimensions.NAMES.size()];
    double[] sums = new double[counts.length];
    try {
      return db.reader()
          .withHandle(
              h -> {
                Connection c = h.getConnection();
                for (Partial p :
                    RollupStore.dayStates(c, db.learner(), daysFromUtc, daysToUtc).values()) {
                  p.addDimensions(counts, sums);
                }
                TreeMap<Long, Partial> hours = new TreeMap<>();
                if (cutoffUtc > daysToUtc) {
                  scanner.scanQuality(c, daysToUtc, cutoffUtc, hours);
                }
                hours.values().forEach(p -> p.addDimensions(counts, sums));
                return QualityDimensions.of(counts, sums);
              });
    } catch (SQLException e) {
      throw new StoreException("reading quality dimensions failed", e);
    }
  }
}
