package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.access.TokenSecrets;
import io.learnlytics.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code token create|list|revoke} on a real SQLite file. */
class TokenCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private String db() {
    return dir.resolve("l.db").toString();
  }

  private void addLearner(String id) {
    try (Database db = Database.open(Path.of(db()))) {
      db.writer()
          .useHandle(
              h -> h.execute("INSERT INTO learners (id, created_utc) VALUES (?, 0)", (Object) id));
    }
  }

  private List<Map<String, Object>> rows() {
    try (Database db = Database.open(Path.of(db()))) {
      return db.reader()
          .withHandle(h -> h.createQuery("SELECT * FROM access_tokens").mapToMap().list());
    }
  }

  private static String secretOf(Run r) {
    return r.out().lines().filter(l -> l.startsWith("llt_")).findFirst().orElseThrow();
  }

  @Test
  void create_prints_the_secret_once_and_stores_only_its_hash() {
    addLearner("alice");
    Run r = run("token", "create", "--db", db(), "--learner", "alice", "--label", "laptop");

    assertThat(r.exit()).isZero();
    String secret = secretOf(r);
    assertThat(secret).matches("llt_[A-Za-z0-9_-]{43}");
    assertThat(r.out().split(secret, -1)).as("printed once").hasSize(2);
    List<Map<String, Object>> rows = rows();
    assertThat(rows).hasSize(1);
    Map<String, Object> row = rows.get(0);
    assertThat(row.get("token_hash")).isEqualTo(TokenSecrets.hash(secret));
    assertThat(row.get("learner_id")).isEqualTo("alice");
    assertThat(row.get("label")).isEqualTo("laptop");
    assertThat(row.get("revoked_utc")).isNull();
    assertThat(row.values().toString()).doesNotContain(secret.substring(4));
    assertThat(r.out()).contains((String) row.get("id")).contains("learner alice");
  }

  @Test
  void an_admin_token_has_no_learner() {
    Run r = run("token", "create", "--db", db(), "--admin");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("for admin");
    assertThat(rows().get(0).get("learner_id")).isNull();
    assertThat(rows().get(0).get("token_hash")).isEqualTo(TokenSecrets.hash(secretOf(r)));
  }

  @Test
  void a_token_for_a_learner_that_does_not_exist_is_refused() {
    Run r = run("token", "create", "--db", db(), "--learner", "ghost");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no learner 'ghost'");
    assertThat(r.out()).doesNotContain("llt_");
    assertThat(rows()).isEmpty();
  }

  @Test
  void learner_and_admin_together_or_neither_are_refused() {
    addLearner("alice");
    assertThat(run("token", "create", "--db", db(), "--learner", "alice", "--admin").exit())
        .isEqualTo(2);
    assertThat(run("token", "create", "--db", db()).exit()).isEqualTo(2);
    assertThat(rows()).isEmpty();
  }

  @Test
  void list_shows_every_token_but_never_a_secret_or_a_hash() {
    addLearner("alice");
    String secret = secretOf(run("token", "create", "--db", db(), "--learner", "alice"));
    run("token", "create", "--db", db(), "--admin", "--label", "ops");

    Run list = run("token", "list", "--db", db());

    assertThat(list.exit()).isZero();
    assertThat(list.out().lines().count()).isEqualTo(3);
    assertThat(list.out())
        .contains("learner alice", "admin", "ops")
        .doesNotContain(secret)
        .doesNotContain(secret.substring(4, 20))
        .doesNotContain(TokenSecrets.hash(secret));
    for (Map<String, Object> row : rows()) {
      assertThat(list.out()).contains((String) row.get("id"));
    }
  }

  @Test
  void revoke_marks_the_token_and_keeps_it_listed() {
    addLearner("alice");
    run("token", "create", "--db", db(), "--learner", "alice");
    String id = (String) rows().get(0).get("id");

    Run revoke = run("token", "revoke", "--db", db(), id);
    Run again = run("token", "revoke", "--db", db(), id);
    Run unknown = run("token", "revoke", "--db", db(), "tok_nothere");

    assertThat(revoke.exit()).isZero();
    assertThat(revoke.out()).contains("revoked " + id);
    assertThat(rows().get(0).get("revoked_utc")).isNotNull();
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("already revoked");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no token 'tok_nothere'");
    String line =
        run("token", "list", "--db", db())
            .out()
            .lines()
            .filter(l -> l.startsWith(id))
            .findFirst()
            .orElseThrow();
    assertThat(line).doesNotContain(" - ");
  }

  @Test
  void token_alone_prints_its_usage() {
    Run r = run("token");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("create", "list", "revoke");
    assertThat(Files.exists(Path.of(db()))).isFalse();
  }
}
