package io.learnlytics.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * An exchange's free-form {@code metadata}: bounded, and normalised so that what is stored can be
 * exported, re-imported and verified unchanged.
 *
 * <p>Exports follow RFC 8785 (JCS), whose numbers are IEEE doubles, as in JavaScript. So a number
 * is accepted only if it is one: finite ({@code 1e400} is refused, not stored as "Infinity") and,
 * for an integer literal, exact ({@code 12345678901234567890} would come back as {@code
 * 12345678901234567000}) or the shortest form of its double, which is how exports write it. Every
 * number is then stored in one form per double — whole values up to 2^53 as integers, others as
 * doubles — which is also the form its exported text parses back to, so a re-imported event has the
 * same content (and fingerprint) as the original. Depth and size are bounded well below the JSON
 * parser's limits, because an export nests metadata a few levels deeper than the event that carried
 * it.
 */
final class Metadata {
  static final int MAX_DEPTH = 32;
  static final int MAX_STORED_CHARS = 64 * 1024;

  private static final double EXACT = 9007199254740992.0; // 2^53
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Metadata() {}

  /** A value outside the bounds; {@link #path()} locates it below the field, e.g. {@code .a[2]}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;

    Invalid(String path, String message) {
      super(message, null, false, false);
      this.path = path;
    }

    String path() {
      return path;
    }
  }

  /** The stored (sorted-keys) text of a metadata object, after checking and normalising it. */
  static String storedForm(JsonNode object) throws Invalid {
    String text;
    try {
      text = Json.SORTED.writeValueAsString(normalise(object, "", 1));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a checked JSON tree always serialises", e);
    }
    if (text.length() > MAX_STORED_CHARS) {
      throw new Invalid(
          "",
          "is "
              + text.length()
              + " characters as JSON; at most "
              + MAX_STORED_CHARS
              + " are accepted");
    }
    return text;
  }

  private static JsonNode normalise(JsonNode n, String path, int depth) throws Invalid {
    if (n.isContainerNode() && depth > MAX_DEPTH) {
      throw new Invalid(path, "nests deeper than " + MAX_DEPTH + " levels");
    }
    if (n.isObject()) {
      return object(n, path, depth);
    }
    if (n.isArray()) {
      return array(n, path, depth);
    }
    if (n.isTextual()) {
      checkText(n.textValue(), path, "the string");
      return n;
    }
    if (n.isNumber()) {
      return number(n, path);
    }
    return n; // true, false, null
  }

  private static ObjectNode object(JsonNode n, String path, int depth) throws Invalid {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : n.properties()) {
      String name = member.getKey();
      checkText(name, path, "a member name");
      out.set(name, normalise(member.getValue(), path + "." + name, depth + 1));
    }
    return out;
  }

  private static JsonNode array(JsonNode n, String path, int depth) throws Invalid {
    var out = NODES.arrayNode(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(normalise(n.get(i), path + "[" + i + "]", depth + 1));
    }
    return out;
  }

  private static JsonNode number(JsonNode n, String path) throws Invalid {
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new Invalid(
          path, "is " + n.asText() + ", beyond the range of a JSON number (a 64-bit double)");
    }
    if (n.isIntegralNumber() && !exact(n.bigIntegerValue(), d)) {
      throw new Invalid(
          path,
          "is "
              + n.asText()
              + ", an integer that a JSON number (a 64-bit double) cannot hold exactly; send it as"
              + " a string");
    }
    if (d == Math.rint(d) && Math.abs(d) <= EXACT) {
      return NODES.numberNode((long) d);
    }
    return NODES.numberNode(d);
  }

  /**
   * True when the integer {@code value} reads as the double {@code d} without loss: it is that
   * double exactly, or it is the shortest decimal of that double, which is how JCS (and JavaScript)
   * write it — 2^60 is exported as 1152921504606847000, and must import again.
   */
  private static boolean exact(BigInteger value, double d) {
    BigDecimal v = new BigDecimal(value);
    return new BigDecimal(d).compareTo(v) == 0
        || new BigDecimal(DoubleToDecimal.toString(d)).compareTo(v) == 0;
  }

  private static void checkText(String s, String path, String what) throws Invalid {
    int lone = Unicode.loneSurrogateAt(s);
    if (lone >= 0) {
      throw new Invalid(path, what + " " + Unicode.loneSurrogateMessage(s, lone));
    }
  }
}
