package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.export.json.DocumentChecksum;
import io.learnlytics.export.json.Jcs;
import io.learnlytics.export.json.Verification;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks an export file without importing it: a JSON export against its {@code checksum} (JCS, RFC
 * 8785), a CSV ZIP against the SHA-256 of every file its {@code manifest.json} lists. What {@code
 * learnlytics verify FILE} runs.
 */
public final class ExportVerifier {
  private ExportVerifier() {}

  /** The outcome: whether the file is intact, and one line per finding. */
  public record Report(boolean ok, List<String> lines) {}

  public static Report verify(Path file) throws IOException {
    return isZip(file) ? verifyZip(file) : verifyJson(file);
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3;
    }
  }

  private static Report verifyJson(Path file) throws IOException {
    Verification v;
    try {
      v = DocumentChecksum.verify(file);
    } catch (IOException | RuntimeException e) {
      return new Report(false, List.of("not a complete JSON export: " + e.getMessage()));
    }
    if (v.stated() == null) {
      return new Report(false, List.of("no checksum member: not a Learnlytics JSON export"));
    }
    return v.matches()
        ? new Report(true, List.of("checksum " + v.stated() + " matches"))
        : new Report(
            false,
            List.of(
                "checksum states " + v.stated() + " but the content hashes to " + v.computed()));
  }

  private static Report verifyZip(Path file) throws IOException {
    Map<String, String> actual = new HashMap<>();
    JsonNode manifest;
    try {
      manifest = readZip(file, actual);
    } catch (IOException | RuntimeException e) {
      return new Report(false, List.of("not a complete ZIP: " + e.getMessage()));
    }
    if (manifest == null) {
      return new Report(false, List.of("no manifest.json: not a Learnlytics CSV export"));
    }
    return compare(manifest, actual);
  }

  /** Hashes every entry but the manifest into {@code hashes}; returns the manifest, or null. */
  private static @Nullable JsonNode readZip(Path file, Map<String, String> hashes)
      throws IOException {
    JsonNode manifest = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.getName().equals("manifest.json")) {
          manifest = Json.MAPPER.readTree(zip.readAllBytes());
        } else {
          hashes.put(e.getName(), sha256(zip));
        }
      }
    }
    return manifest;
  }

  /** One line per file listed in the manifest, then one per file it does not list. */
  private static Report compare(JsonNode manifest, Map<String, String> actual) {
    List<String> lines = new ArrayList<>();
    boolean ok = true;
    for (JsonNode f : manifest.path("files")) {
      String name = f.path("name").asText();
      String problem = problem(f.path("sha256").asText(), actual.remove(name));
      ok &= problem == null;
      lines.add(name + ": " + (problem == null ? "ok" : problem));
    }
    for (String extra : actual.keySet()) {
      lines.add(extra + ": not listed in the manifest");
      ok = false;
    }
    return new Report(ok, lines);
  }

  /** What is wrong with a listed file, or null. */
  private static @Nullable String problem(String stated, @Nullable String hash) {
    if (hash == null) {
      return "listed in the manifest but missing";
    }
    return hash.equals(stated) ? null : "sha256 " + hash + " differs from the manifest's " + stated;
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest d = Jcs.sha256();
    byte[] buf = new byte[1 << 16];
    int n;
    while ((n = in.read(buf)) > 0) {
      d.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
