package io.learnlytics.export.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads what an import needs from a JSON export, one element at a time however long the file: its
 * raw events ({@code events.exchanges}, {@code events.feedback}, {@code events.relations} and
 * {@code quality_scores}, all in the ingest format), its goals and its achievements. Everything
 * else in the document is derived, and is skipped.
 */
public final class DocumentReader {
  private final Consumer<JsonNode> events;
  private final Consumer<JsonNode> goals;
  private final Consumer<JsonNode> achievements;
  private @Nullable String exportId;

  public DocumentReader(
      Consumer<JsonNode> events, Consumer<JsonNode> goals, Consumer<JsonNode> achievements) {
    this.events = events;
    this.goals = goals;
    this.achievements = achievements;
  }

  /**
   * Feeds the events, goals and achievements of {@code file} to their consumers; returns the export
   * id.
   *
   * @throws InvalidInput when the file is not a JSON export of this schema version
   */
  public @Nullable String read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = Json.MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAnExport("the file is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        member(p, name);
      }
    }
    return exportId;
  }

  static InvalidInput notAnExport(String why) {
    return InvalidInput.of("file", "not a Learnlytics JSON export: " + why);
  }

  /** The value of top-level member {@code name}, at the parser's current token. */
  private void member(JsonParser p, String name) throws IOException {
    switch (name) {
      case "format" -> checkFormat(p);
      case "schema_version" -> checkSchemaVersion(p);
      case "export_id" -> exportId = p.getValueAsString();
      case "events" -> eachEvent(p);
      case "quality_scores" -> each(p, events);
      case "goal_progress" -> each(p, goals);
      case "achievements" -> each(p, achievements);
      default -> p.skipChildren();
    }
  }

  private static void checkFormat(JsonParser p) throws IOException {
    if (!"json".equals(p.getValueAsString())) {
      throw notAnExport("format is not json");
    }
  }

  private static void checkSchemaVersion(JsonParser p) throws IOException {
    if (p.getValueAsInt() != JsonExport.SCHEMA_VERSION) {
      throw notAnExport(
          "schema_version "
              + p.getText()
              + " is not supported (this version reads "
              + JsonExport.SCHEMA_VERSION
              + ")");
    }
  }

  /** {@code events}: an object of arrays of events, by kind. */
  private void eachEvent(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, "events");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      p.nextToken();
      each(p, events);
    }
  }

  /** Each element of the array at the parser's current token, one at a time. */
  private static void each(JsonParser p, Consumer<JsonNode> sink) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(p.currentToken(), JsonToken.START_ARRAY, p.currentName());
    while (p.nextToken() != JsonToken.END_ARRAY) {
      sink.accept(p.readValueAsTree());
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String name) {
    if (actual != expected) {
      throw notAnExport(
          name + " must be " + (expected == JsonToken.START_ARRAY ? "an array" : "an object"));
    }
  }
}
