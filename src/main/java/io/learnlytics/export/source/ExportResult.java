package io.learnlytics.export.source;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished export: its id (also in {@code export_history}), format, file name, size in bytes, the
 * checksum ({@code sha256:…}: for JSON the document checksum, for CSV the SHA-256 of the ZIP file)
 * and the number of rows of each section.
 */
public record ExportResult(
    String id,
    String format,
    String fileName,
    long bytes,
    String checksum,
    Map<String, Long> rowCounts) {
  public ExportResult {
    rowCounts = Collections.unmodifiableMap(new TreeMap<>(rowCounts));
  }
}
