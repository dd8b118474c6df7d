package io.learnlytics.export.csv;

import io.learnlytics.export.json.HashingStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the CSV export's ZIP. Each entry is hashed, sized and (for CSV files) its data
 * rows counted as it is written, so that {@code manifest.json} can list them without a second pass.
 */
final class ZipEntries {
  private final ZipOutputStream zip;
  private final long timeUtc;
  private final List<Map<String, Object>> files = new ArrayList<>();
  private final TreeMap<String, Long> counts = new TreeMap<>();

  ZipEntries(ZipOutputStream zip, long timeUtc) {
    this.zip = zip;
    this.timeUtc = timeUtc;
  }

  /** Starts a CSV entry with its header row; closing it ends the entry and lists it. */
  CsvFile csv(String name, String... header) throws IOException {
    return new CsvFile(name, header);
  }

  /** A listed entry that is not CSV (its rows are reported as null). */
  void text(String name, byte[] bytes) throws IOException {
    try (EntryStream e = new EntryStream(name)) {
      e.write(bytes);
      e.csv = false;
    }
  }

  /** An entry left out of the manifest: the manifest itself. */
  void unlisted(String name, byte[] bytes) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  /** The listed entries so far, in the order written: name, rows, bytes, sha256. */
  List<Map<String, Object>> files() {
    return files;
  }

  /** Data rows per CSV file. */
  TreeMap<String, Long> counts() {
    return counts;
  }

  private ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(timeUtc);
    return e;
  }

  /** One ZIP entry, hashed and counted as it is written; closing it records it in the manifest. */
  private final class EntryStream extends OutputStream {
    private final String name;
    private final HashingStream hashed = new HashingStream(zip);
    long rows;
    boolean csv = true;

    EntryStream(String name) throws IOException {
      this.name = name;
      zip.putNextEntry(entry(name));
    }

    @Override
    public void write(int b) throws IOException {
      hashed.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      hashed.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      hashed.flush();
    }

    /** Ends the entry, not the ZIP. */
    @Override
    public void close() throws IOException {
      zip.closeEntry();
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("name", name);
      file.put("rows", csv ? rows : null);
      file.put("bytes", hashed.bytes());
      file.put("sha256", hashed.checksum().substring("sha256:".length()));
      files.add(file);
      if (csv) {
        counts.put(name, rows);
      }
    }
  }

  /** A CSV entry: header first, then rows; {@link #close()} ends the entry. */
  final class CsvFile implements AutoCloseable {
    private final EntryStream entry;
    private final BufferedWriter writer;
    private final CSVPrinter printer;

    private CsvFile(String name, String... header) throws IOException {
      this.entry = new EntryStream(name);
      this.writer =
          new BufferedWriter(new OutputStreamWriter(entry, StandardCharsets.UTF_8), 1 << 16);
      this.printer =
          new CSVPrinter(
              writer,
              CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator("\r\n").get());
    }

    void row(@Nullable Object... values) throws IOException {
      String[] cells = new String[values.length];
      for (int i = 0; i < values.length; i++) {
        cells[i] = CsvCells.cell(values[i]);
      }
      printer.printRecord(Arrays.asList(cells));
      entry.rows++;
    }

    @Override
    public void close() throws IOException {
      printer.flush();
      writer.flush();
      entry.close();
    }
  }
}
