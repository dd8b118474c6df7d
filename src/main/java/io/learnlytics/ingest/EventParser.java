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
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body into event objects: one JSON object, a JSON array of objects, or NDJSON
 * (one object per line). Enforces the batch-size limit while parsing, before building more trees.
 */
final class EventParser {
  private static final ObjectReader READER = Json.MAPPER.reader();

  private EventParser() {}

  static List<JsonNode> parse(byte[] body, boolean ndjson) {
    if (isBlank(body)) {
      throw InvalidInput.of("body", "is empty; send a JSON object, a JSON array or NDJSON");
    }
    return ndjson ? parseNdjson(body) : parseJson(body);
  }

  private static List<JsonNode> parseJson(byte[] body) {
    try (JsonParser p = READER.createParser(body)) {
      JsonToken first = p.nextToken();
      List<JsonNode> out = new ArrayList<>();
      if (first == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          checkBatchSize(out.size() + 1);
          out.add(READER.readTree(p));
        }
      } else if (first == JsonToken.START_OBJECT) {
        out.add(READER.readTree(p));
      } else {
        throw InvalidInput.of("body", "must be a JSON object, a JSON array of objects, or NDJSON");
      }
      if (p.nextToken() != null) {
        throw InvalidInput.of("body", "has content after the end of the JSON value");
      }
      return out;
    } catch (JsonProcessingException e) {
      throw InvalidInput.of("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InvalidInput.of("body", "could not be read: " + e.getMessage());
    }
  }

  /**
   * NDJSON is read as a sequence of root-level JSON values with one parser, which Jackson supports
   * natively and which costs far less than a parser per line; a syntax error names its line.
   */
  private static List<JsonNode> parseNdjson(byte[] body) {
    List<JsonNode> out = new ArrayList<>();
    try (JsonParser p = READER.createParser(body)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        checkBatchSize(out.size() + 1);
        if (token != JsonToken.START_OBJECT) {
          throw lineError(out.size(), p.currentLocation().getLineNr(), "is not a JSON object");
        }
        out.add(READER.readTree(p));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw lineError(out.size(), e.getLocation().getLineNr(), "is not valid JSON");
    } catch (IOException e) {
      throw InvalidInput.of("body", "could not be read: " + e.getMessage());
    }
  }

  private static InvalidInput lineError(int index, int line, String problem) {
    return new InvalidInput(
        "NDJSON line " + line + " " + problem + "; nothing was written",
        List.of(new FieldError(index, null, "line " + line + " " + problem)));
  }

  private static void checkBatchSize(int count) {
    if (count > IngestService.MAX_EVENTS) {
      throw new PayloadTooLarge(
          "a batch may hold at most "
              + IngestService.MAX_EVENTS
              + " events; split it into smaller batches");
    }
  }

  private static boolean isBlank(byte[] a) {
    return isBlank(a, 0, a.length);
  }

  private static boolean isBlank(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(a[i])) {
        return false;
      }
    }
    return true;
  }
}
