package io.learnlytics.sync;

import java.util.List;

/**
 * The tables of the voice learning assistant that Learnlytics reads, and the file each lives in.
 * Columns are read by name, so a table with extra columns (or without an optional one) still syncs.
 */
enum SourceTables {
  CAPTURES("captures", SourceFile.CAPTURES, List.of("session_id", "timestamp", "user_text")),
  EXPLICIT_FEEDBACK("explicit_feedback", SourceFile.FEEDBACK, List.of("timestamp")),
  IMPLICIT_FEEDBACK("implicit_feedback", SourceFile.FEEDBACK, List.of("timestamp")),
  CORRECTIONS("corrections", SourceFile.FEEDBACK, List.of("session_id", "timestamp")),
  QUALITY("analytics_quality", SourceFile.ANALYTICS, List.of("exchange_id", "composite"));

  final String table;
  final SourceFile file;
  final List<String> required;

  SourceTables(String table, SourceFile file, List<String> required) {
    this.table = table;
    this.file = file;
    this.required = required;
  }

  /** The assistant's database files, by their default names in its data folder. */
  enum SourceFile {
    CAPTURES("learning_captures.db"),
    FEEDBACK("feedback.db"),
    ANALYTICS("learning_analytics.db");

    final String defaultName;

    SourceFile(String defaultName) {
      this.defaultName = defaultName;
    }
  }
}
