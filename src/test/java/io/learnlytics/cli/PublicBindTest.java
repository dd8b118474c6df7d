package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.Cli;
import io.learnlytics.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --host 0.0.0.0} without {@code --api-token}: refused unless a stored token (from
 * {@code token create}) that is not revoked exists; then it serves with authentication on.
 */
class PublicBindTest {
  @TempDir Path dir;

  private String db() {
    return dir.resolve("l.db").toString();
  }

  /** Runs serve in-process; a check that does not fire would make it serve, so it is bounded. */
  private Cli.Run servePublic() throws Exception {
    String[] args = {"serve", "--db", db(), "--port", "0", "--host", "0.0.0.0"};
    return CompletableFuture.supplyAsync(() -> Cli.run(args)).get(60, TimeUnit.SECONDS);
  }

  /** Creates an admin token; returns the lines {@code created <id> ...} and the secret. */
  private List<String> createToken() {
    Cli.Run created = Cli.run("token", "create", "--db", db(), "--admin");
    assertThat(created.code()).as(created.err()).isZero();
    return created.out().lines().limit(2).toList();
  }

  private static void assertRefused(Cli.Run run) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("refusing to bind to 0.0.0.0")
        .contains("token create")
        .contains("--insecure");
  }

  @Test
  void without_any_token_a_public_bind_is_refused_with_the_remedies() throws Exception {
    assertRefused(servePublic());
    assertThat(dir.resolve("l.db.lock")).doesNotExist();
  }

  @Test
  void a_revoked_stored_token_does_not_make_a_public_bind_safe() throws Exception {
    String id = createToken().get(0).split(" ")[1];
    assertThat(Cli.run("token", "revoke", "--db", db(), id).code()).isZero();

    assertRefused(servePublic());
  }

  @Test
  void a_stored_token_allows_a_public_bind_with_authentication_on() throws Exception {
    String secret = createToken().get(1);
    assertThat(secret).startsWith("llt_");

    try (ServerProcess server =
        ServerProcess.start(Path.of(db()), List.of(), "--host", "0.0.0.0")) {
      assertThat(server.output()).contains("auth stored tokens");
      HttpClient http = HttpClient.newHttpClient();
      URI meta = URI.create("http://127.0.0.1:" + server.port() + "/api/meta");
      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(meta).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> admin =
          http.send(
              HttpRequest.newBuilder(meta).header("Authorization", "Bearer " + secret).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    }
  }
}
