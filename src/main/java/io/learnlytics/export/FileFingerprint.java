package io.learnlytics.export;

import io.learnlytics.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The export checksum of a whole database: every learner's data, not one view's. Backup copies the
 * whole file and restore replaces the whole file, so the checksum they print and compare must cover
 * every learner; one learner's would let another learner's rows go missing unnoticed.
 *
 * <p>It is built from each learner's {@link ExportService#fingerprint} (which covers the learner of
 * its view only): with the default learner alone — every single-user install — it is exactly the
 * default learner's fingerprint, the checksum such an install always printed; with more learners,
 * {@code sha256:} and the SHA-256 of the lines {@code learner TAB checksum}, in learner order.
 */
public final class FileFingerprint {
  /**
   * Everyone with a row in {@code learners} or data an export holds (events, relations, goals).
   * File-wide on purpose: this is the one query here that reads every learner's rows.
   */
  static final String LEARNERS =
      "SELECT id FROM learners UNION SELECT learner_id FROM exchanges"
          + " UNION SELECT learner_id FROM feedback UNION SELECT learner_id FROM quality_scores"
          + " UNION SELECT learner_id FROM concepts UNION SELECT learner_id FROM concept_relations"
          + " UNION SELECT learner_id FROM goal_definitions ORDER BY 1";

  /** The export service of one learner, built on that learner's view of the database. */
  public interface ExportsFor {
    ExportService exports(String learner);
  }

  private FileFingerprint() {}

  /** Every learner of {@code db}'s file, in order. */
  public static List<String> learners(Database db) {
    return db.reader().withHandle(h -> h.createQuery(LEARNERS).mapTo(String.class).list());
  }

  /** The checksum of every learner's data in {@code db}'s file. */
  public static String of(Database db, ExportsFor exportsFor) throws IOException {
    List<String> learners = learners(db);
    if (learners.equals(List.of(Database.DEFAULT_LEARNER))) {
      return checksum(exportsFor, Database.DEFAULT_LEARNER);
    }
    MessageDigest digest = sha256();
    for (String learner : learners) {
      String line = learner + "\t" + checksum(exportsFor, learner) + "\n";
      digest.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static String checksum(ExportsFor exportsFor, String learner) throws IOException {
    return exportsFor.exports(learner).fingerprint(OutputStream.nullOutputStream()).checksum();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
