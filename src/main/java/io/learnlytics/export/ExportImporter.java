package io.learnlytics.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.ingest.BatchLoader;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Imports a JSON export: verifies its checksum, then re-ingests its raw events ({@code
 * events.exchanges}, {@code events.feedback}, {@code events.relations} and {@code quality_scores},
 * all in the ingest format) through {@link IngestService} in atomic batches, restores its goals and
 * achievements, and refreshes the rollups. Everything else in the document is derived, and is
 * derived again from the events. Importing twice changes nothing the second time: event ids are
 * idempotent and goals and achievements are only added when their id is new.
 */
public final class ExportImporter {
  private final IngestService ingest;
  private final Database db;
  private final RollupEngine rollups;

  public ExportImporter(IngestService ingest, Database db, RollupEngine rollups) {
    this.ingest = ingest;
    this.db = db;
    this.rollups = rollups;
  }

  /** What an import did. */
  public record ImportResult(
      String exportId,
      String checksum,
      long events,
      long accepted,
      long duplicates,
      long conflicts,
      int goalsRestored,
      int achievementsRestored) {}

  /** The checksum a document states, and the one its content has. */
  public record Verification(String stated, String computed) {
    public boolean matches() {
      return stated != null && stated.equals(computed);
    }
  }

  /**
   * Imports {@code file}.
   *
   * @param verify check the checksum first and refuse a file whose content does not match it
   * @throws InvalidInput when the file is not a JSON export, its checksum does not match, or a
   *     batch of its events is invalid (earlier batches stay stored; re-running is safe)
   */
  public ImportResult importFile(Path file, boolean verify, int batchSize) throws IOException {
    String checksum = null;
    if (verify) {
      Verification v = verify(file);
      if (!v.matches()) {
        throw InvalidInput.of(
            "checksum",
            v.stated == null
                ? "the file has no checksum member; is it a Learnlytics JSON export?"
                : "the file states "
                    + v.stated
                    + " but its content hashes to "
                    + v.computed
                    + "; it was changed or cut short");
      }
      checksum = v.stated;
    }
    BatchLoader loader = new BatchLoader(ingest, batchSize);
    List<JsonNode> goals = new ArrayList<>();
    List<JsonNode> achievements = new ArrayList<>();
    String exportId;
    try {
      exportId = readEvents(file, loader, goals, achievements);
      loader.flush();
    } catch (InvalidInput e) {
      if (e.details().stream().allMatch(d -> d.index() == null)) {
        throw e; // about the file, not about one of its events
      }
      List<FieldError> details = new ArrayList<>();
      for (FieldError d : e.details()) {
        details.add(
            new FieldError(
                d.index() == null ? null : (int) loader.sent() + d.index(),
                d.field(),
                d.message()));
      }
      throw new InvalidInput(
          "the batch of events starting at event "
              + loader.sent()
              + " was rejected (the events before it are stored; importing again is safe): "
              + e.getMessage(),
          details);
    }
    int[] restored = restore(goals, achievements);
    rollups.refreshDirty();
    return new ImportResult(
        exportId,
        checksum,
        loader.sent(),
        loader.accepted(),
        loader.duplicates(),
        loader.conflicts(),
        restored[0],
        restored[1]);
  }

  /**
   * Feeds the events of the file to {@code loader} and collects its goals and achievements; returns
   * the export id.
   */
  private static String readEvents(
      Path file, BatchLoader loader, List<JsonNode> goals, List<JsonNode> achievements)
      throws IOException {
    String exportId = null;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = Json.MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAnExport("the file is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "format" -> {
            if (!"json".equals(p.getValueAsString())) {
              throw notAnExport("format is not json");
            }
          }
          case "schema_version" -> {
            if (p.getValueAsInt() != JsonExport.SCHEMA_VERSION) {
              throw notAnExport(
                  "schema_version "
                      + p.getText()
                      + " is not supported (this version reads "
                      + JsonExport.SCHEMA_VERSION
                      + ")");
            }
          }
          case "export_id" -> exportId = p.getValueAsString();
          case "events" -> {
            expect(value, JsonToken.START_OBJECT, "events");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              p.nextToken();
              each(p, loader::add);
            }
          }
          case "quality_scores" -> each(p, loader::add);
          case "goal_progress" -> each(p, goals::add);
          case "achievements" -> each(p, achievements::add);
          default -> p.skipChildren();
        }
      }
    }
    return exportId;
  }

  /**
   * Recomputes a document's checksum: the JCS form of the document without its top-level {@code
   * checksum} member. Streams when the members come in JCS order at every level, as Learnlytics
   * writes them; a document reordered by another tool is read whole instead.
   */
  public static Verification verify(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return verifyStreaming(in);
    } catch (IllegalStateException outOfOrder) {
      try (InputStream in = Files.newInputStream(file)) {
        return verifyTree(in);
      }
    }
  }

  static Verification verifyStreaming(InputStream in) throws IOException {
    MessageDigest digest = Jcs.sha256();
    String stated = null;
    try (JsonParser p = Json.MAPPER.createParser(in);
        CanonicalWriter w = new CanonicalWriter(new DigestSink(digest))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAnExport("the file is not a JSON object");
      }
      w.beginObject();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("checksum") && stated == null) {
          stated = p.getValueAsString();
          continue;
        }
        w.name(name);
        copy(p, w);
      }
      w.endObject();
    }
    return new Verification(stated, "sha256:" + HexFormat.of().formatHex(digest.digest()));
  }

  static Verification verifyTree(InputStream in) throws IOException {
    JsonNode doc =
        Json.MAPPER
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .readTree(in);
    if (!doc.isObject()) {
      throw notAnExport("the file is not a JSON object");
    }
    ObjectNode copy = ((ObjectNode) doc).deepCopy();
    JsonNode stated = copy.remove("checksum");
    return new Verification(
        stated == null ? null : stated.asText(), Jcs.checksum(Jcs.canonicalize(copy)));
  }

  /** Copies the value at the parser's current token to the writer, canonically. */
  private static void copy(JsonParser p, CanonicalWriter w) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        w.beginObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          w.name(p.currentName());
          p.nextToken();
          copy(p, w);
        }
        w.endObject();
      }
      case START_ARRAY -> {
        w.beginArray();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          copy(p, w);
        }
        w.endArray();
      }
      case VALUE_STRING -> w.string(p.getText());
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          w.number(p.getDoubleValue());
        } else {
          w.number(p.getLongValue());
        }
      }
      case VALUE_NUMBER_FLOAT -> w.number(p.getDoubleValue());
      case VALUE_TRUE -> w.bool(true);
      case VALUE_FALSE -> w.bool(false);
      case VALUE_NULL -> w.nul();
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }

  private interface Sink {
    void add(JsonNode node);
  }

  /** Each element of the array at the parser's current token, one at a time. */
  private static void each(JsonParser p, Sink sink) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(p.currentToken(), JsonToken.START_ARRAY, p.currentName());
    while (p.nextToken() != JsonToken.END_ARRAY) {
      sink.add(p.readValueAsTree());
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String name) {
    if (actual != expected) {
      throw notAnExport(
          name + " must be " + (expected == JsonToken.START_ARRAY ? "an array" : "an object"));
    }
  }

  /**
   * Adds the goals and achievements whose ids are new, in one transaction. Achievements of goals
   * that are neither in the database nor in the export are skipped.
   */
  private int[] restore(List<JsonNode> goals, List<JsonNode> achievements) {
    return db.writer()
        .inTransaction(
            h -> {
              int g = 0;
              for (JsonNode n : goals) {
                JsonNode topic = n.path("filters").path("topic");
                g +=
                    h.execute(
                        "INSERT INTO goal_definitions (id, name, description, goal_type,"
                            + " frequency, target_metric, target_value, comparison, filters, icon,"
                            + " color, enabled, created_utc, updated_utc)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
                        text(n, "id"),
                        text(n, "name"),
                        text(n, "description"),
                        text(n, "goal_type"),
                        text(n, "frequency"),
                        text(n, "target_metric"),
                        n.path("target").doubleValue(),
                        text(n, "comparison"),
                        topic.isTextual()
                            ? Json.MAPPER
                                .createObjectNode()
                                .put("topic", topic.textValue())
                                .toString()
                            : null,
                        text(n, "icon"),
                        text(n, "color"),
                        n.path("enabled").asBoolean(true) ? 1 : 0,
                        millis(n, "created_at", 0),
                        millis(n, "updated_at", 0));
              }
              int a = 0;
              for (JsonNode n : achievements) {
                a +=
                    h.execute(
                        "INSERT OR IGNORE INTO achievements (id, goal_id, name, description,"
                            + " icon, period, period_start_utc, unlocked_utc)"
                            + " SELECT ?,?,?,?,?,?,?,?"
                            + " WHERE EXISTS (SELECT 1 FROM goal_definitions WHERE id = ?)",
                        text(n, "id"),
                        text(n, "goal_id"),
                        text(n, "name"),
                        text(n, "description"),
                        text(n, "icon"),
                        text(n, "period"),
                        millis(n, "period_start", Long.MIN_VALUE),
                        millis(n, "unlocked_at", 0),
                        text(n, "goal_id"));
              }
              return new int[] {g, a};
            });
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static long millis(JsonNode n, String field, long whenNull) {
    String v = text(n, field);
    return v == null ? whenNull : Instant.parse(v).toEpochMilli();
  }

  private static InvalidInput notAnExport(String why) {
    return InvalidInput.of("file", "not a Learnlytics JSON export: " + why);
  }

  /** Feeds the digest and discards the bytes. */
  private static final class DigestSink extends OutputStream {
    private final MessageDigest digest;

    DigestSink(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }
  }
}
