package io.learnlytics.export.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Recomputes a JSON export's checksum: the JCS form of the document without its top-level {@code
 * checksum} member. Streams when the members come in JCS order at every level, as Learnlytics
 * writes them; a document reordered by another tool is read whole instead.
 */
public final class DocumentChecksum {
  private DocumentChecksum() {}

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
        throw DocumentReader.notAnExport("the file is not a JSON object");
      }
      w.beginObject();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("checksum") && stated == null) {
          stated = p.getValueAsString();
        } else {
          copy(p, w.name(name));
        }
      }
      w.endObject();
    }
    return new Verification(stated, Jcs.checksum(digest));
  }

  static Verification verifyTree(InputStream in) throws IOException {
    JsonNode doc =
        Json.MAPPER
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .readTree(in);
    if (!doc.isObject()) {
      throw DocumentReader.notAnExport("the file is not a JSON object");
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
      case START_OBJECT -> copyObject(p, w);
      case START_ARRAY -> copyArray(p, w);
      case VALUE_STRING -> w.string(p.getText());
      case VALUE_NUMBER_INT -> copyInteger(p, w);
      case VALUE_NUMBER_FLOAT -> w.number(p.getDoubleValue());
      case VALUE_TRUE -> w.bool(true);
      case VALUE_FALSE -> w.bool(false);
      case VALUE_NULL -> w.nul();
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }

  private static void copyObject(JsonParser p, CanonicalWriter w) throws IOException {
    w.beginObject();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      w.name(p.currentName());
      p.nextToken();
      copy(p, w);
    }
    w.endObject();
  }

  private static void copyArray(JsonParser p, CanonicalWriter w) throws IOException {
    w.beginArray();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      copy(p, w);
    }
    w.endArray();
  }

  private static void copyInteger(JsonParser p, CanonicalWriter w) throws IOException {
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      w.number(p.getDoubleValue());
    } else {
      w.number(p.getLongValue());
    }
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
