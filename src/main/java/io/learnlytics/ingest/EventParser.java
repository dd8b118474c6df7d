package io.learnlytics.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.ApiException.PayloadTooLarge;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a request body, as it streams in, into event objects: one JSON object, a JSON array of
 * objects, or NDJSON (one object per line). Each object is handed on as soon as it is parsed, so
 * only one event's JSON tree exists at a time; the batch-size limit is enforced while parsing.
 */
final class EventParser {
  private static final ObjectReader READER = Json.MAPPER.reader();

  private EventParser() {}

  static void parse(InputStream body, boolean ndjson, Consumer<JsonNode> sink) {
    try (JsonParser p = READER.createParser(body)) {
      if (ndjson) {
        parseNdjson(p, sink);
      } else {
        parseJson(p, sink);
      }
    } catch (JsonProcessingException e) {
      throw InvalidInput.of("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** A body that could not be read to its end: cut short, or a broken chunked encoding. */
  static InvalidInput unreadable(Exception e) {
    return InvalidInput.of(
        "body",
        "could not be read to its end (" + e.getClass().getSimpleName() + "); nothing was written");
  }

  private static void parseJson(JsonParser p, Consumer<JsonNode> sink) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw empty();
    }
    int count = 0;
    if (first == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        checkBatchSize(++count);
        sink.accept(READER.readTree(p));
      }
    } else if (first == JsonToken.START_OBJECT) {
      sink.accept(READER.readTree(p));
    } else {
      throw InvalidInput.of("body", "must be a JSON object, a JSON array of objects, or NDJSON");
    }
    if (p.nextToken() != null) {
      throw InvalidInput.of("body", "has content after the end of the JSON value");
    }
  }

  /**
   * NDJSON is read as a sequence of root-level JSON values with one parser, which Jackson supports
   * natively and which costs far less than a parser per line; a syntax error names its line.
   */
  private static void parseNdjson(JsonParser p, Consumer<JsonNode> sink) throws IOException {
    int count = 0;
    try {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        checkBatchSize(count + 1);
        if (token != JsonToken.START_OBJECT) {
          throw lineError(count, p.currentLocation().getLineNr(), "is not a JSON object");
        }
        sink.accept(READER.readTree(p));
        count++;
      }
    } catch (JsonProcessingException e) {
      int line = (e.getLocation() != null ? e.getLocation() : p.currentLocation()).getLineNr();
      throw lineError(count, line, "is not valid JSON: " + e.getOriginalMessage());
    }
    if (count == 0) {
      throw empty();
    }
  }

  private static InvalidInput empty() {
    return InvalidInput.of("body", "is empty; send a JSON object, a JSON array or NDJSON");
  }

  private static InvalidInput lineError(int index, int line, String problem) {
    return new InvalidInput(
        "NDJSON line " + line + " " + problem + "; nothing was written",
        List.of(new FieldError(index, "body", "line " + line + " " + problem)));
  }

  private static void checkBatchSize(int count) {
    if (count > IngestService.MAX_EVENTS) {
      throw new PayloadTooLarge(
          "a batch may hold at most "
              + IngestService.MAX_EVENTS
              + " events; split it into smaller batches");
    }
  }
}
