package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.Cli;
import io.learnlytics.testing.PythonVerifier;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the README's Python one-liner said MISMATCH for valid exports holding numbers below
 * 1e-4 (Python writes 1e-05 where JCS writes 0.00001). {@code verify FILE} and
 * scripts/verify-export.py are right for every number, and still catch a changed byte.
 */
class VerifyCommandTest {
  @TempDir Path dir;
  Path json;
  Path zip;

  @BeforeEach
  void export() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(
          "/api/events",
          """
          [{"kind":"exchange","id":"e1","session_id":"s","timestamp":"2025-11-18T09:30:00Z",
            "metadata":{"tiny":1e-7,"small":0.00005,"huge":1e21,"exact":1e20,"big":1152921504606846976}},
           {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.00001,"relevance":5e-324}]""");
      json = download(server, "json", "export.json");
      zip = download(server, "csv", "export.zip");
    }
  }

  private Path download(TestServer server, String format, String name)
      throws IOException, InterruptedException {
    Path file = dir.resolve(name);
    HttpResponse<Path> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        server.uri("/api/analytics/export?format=" + format + "&period=all"))
                    .build(),
                HttpResponse.BodyHandlers.ofFile(file));
    assertThat(r.statusCode()).isEqualTo(200);
    return file;
  }

  @Test
  void a_json_export_with_tiny_and_huge_numbers_verifies() throws Exception {
    assertThat(Files.readString(json)).contains("0.00001").contains("1e-7").contains("1e+21");

    Cli.Run run = Cli.run("verify", json.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains(json + ": OK").contains("matches");
    assertThat(PythonVerifier.verify(json)).isEqualTo("OK");
  }

  @Test
  void one_changed_byte_is_a_mismatch_for_both_verifiers() throws Exception {
    String text = Files.readString(json);
    Files.writeString(json, text.replace("0.00001", "0.00002"));

    Cli.Run run = Cli.run("verify", json.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("MISMATCH").contains("hashes to");
    assertThat(PythonVerifier.verify(json)).isEqualTo("MISMATCH");
  }

  @Test
  void a_csv_zip_verifies_against_its_manifest_and_a_changed_file_is_named() throws Exception {
    assertThat(Cli.run("verify", zip.toString()).out())
        .contains(": OK")
        .contains("sessions.csv: ok");

    byte[] bytes = Files.readAllBytes(zip);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("e1"); // stored (not deflated) entries would show it; deflated ones not
    Path broken = dir.resolve("broken.zip");
    if (at >= 0) {
      bytes[at] = 'f';
    } else {
      bytes[bytes.length / 3] ^= 0x55;
    }
    Files.write(broken, bytes);

    Cli.Run run = Cli.run("verify", broken.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("MISMATCH");
  }
}
