package io.learnlytics.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.learnlytics.support.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code topics} column (a JSON array of strings written by ingest). Topics without
 * escapes — nearly all — are split by hand, a rollup's hottest step otherwise; the rest go through
 * Jackson.
 */
final class TopicsJson {
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private TopicsJson() {}

  static List<String> parse(String json) {
    if (json == null || json.length() <= 2) {
      return List.of();
    }
    if (json.indexOf('\\') >= 0) {
      return viaJackson(json);
    }
    List<String> out = new ArrayList<>(3);
    int i = 1; // after '['
    while (i < json.length() && json.charAt(i) == '"') {
      int close = json.indexOf('"', i + 1);
      out.add(json.substring(i + 1, close));
      i = close + 2; // skip the closing quote and the ',' or ']'
    }
    return out;
  }

  private static List<String> viaJackson(String json) {
    try {
      return Json.MAPPER.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored topics are not a JSON array: " + json, e);
    }
  }
}
