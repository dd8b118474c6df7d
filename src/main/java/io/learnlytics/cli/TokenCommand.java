package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.access.AccessTokens;
import io.learnlytics.access.AccessTokens.Revoked;
import io.learnlytics.access.AccessTokens.Token;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code token create|list|revoke}: the access tokens of the API. A running server sees a change
 * within its token cache time (5 seconds). Creating the first token turns authentication on.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API access tokens (per learner, or admin).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code token create}: prints the new secret once; only its hash is stored. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a token for one learner (--learner) or for everything (--admin) and print its"
              + " secret. The secret is shown only now: store it safely.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOptions options;

    @ArgGroup(multiplicity = "1")
    Owner owner;

    static final class Owner {
      @Option(
          names = "--learner",
          paramLabel = "ID",
          description = "The learner whose data the token may read and write")
      @Nullable String learner;

      @Option(names = "--admin", description = "A token for every route and every learner")
      boolean admin;
    }

    @Option(names = "--label", paramLabel = "TEXT", description = "What the token is for")
    @Nullable String label;

    @Override
    public Integer call() {
      try (App app = App.openChecked(options.toConfig())) {
        AccessTokens tokens = new AccessTokens(app.db());
        String learner = owner.admin ? null : owner.learner;
        if (learner != null && !tokens.learnerExists(learner)) {
          spec.commandLine()
              .getErr()
              .println("learnlytics token: no learner '" + learner + "'; create the learner first");
          return 2;
        }
        AccessTokens.Created created = tokens.create(learner, label, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + created.id() + " for " + owner(learner));
        out.println(created.secret());
        out.println("This secret is shown only once; it is stored only as its SHA-256 hash.");
        return 0;
      }
    }
  }

  /** {@code token list}: every token without its secret or hash. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the tokens: id, learner (or admin), label, created, revoked.")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      try (App app = App.openChecked(options.toConfig())) {
        List<Token> all = new AccessTokens(app.db()).list();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-13s %-20s %-24s %-24s %s%n", "ID", "FOR", "CREATED", "REVOKED", "LABEL");
        for (Token t : all) {
          out.printf(
              "%-13s %-20s %-24s %-24s %s%n",
              t.id(),
              owner(t.learner()),
              t.created(),
              t.revoked() == null ? "-" : t.revoked(),
              t.label() == null ? "" : t.label());
        }
        return 0;
      }
    }
  }

  /** {@code token revoke ID}: the token stops working within the server's cache time. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revoke a token by its id (from 'token list'); a running server refuses it within 5"
              + " seconds.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "TOKEN_ID", description = "The token's id, such as tok_ab12cd34")
    String id;

    @Override
    public Integer call() {
      try (App app = App.openChecked(options.toConfig())) {
        Revoked r = new AccessTokens(app.db()).revoke(id, Instant.now());
        switch (r) {
          case NOW -> spec.commandLine().getOut().println("revoked " + id);
          case ALREADY -> spec.commandLine().getOut().println(id + " was already revoked");
          case UNKNOWN ->
              spec.commandLine().getErr().println("learnlytics token: no token '" + id + "'");
        }
        return r == Revoked.UNKNOWN ? 1 : 0;
      }
    }
  }

  private static String owner(@Nullable String learner) {
    return learner == null ? "admin" : "learner " + learner;
  }
}
