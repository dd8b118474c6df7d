package io.learnlytics.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the data lives, as given by {@code --db} / {@code LEARNLYTICS_DB}: a SQLite file (the
 * zero-setup default) or a PostgreSQL database named by a {@code postgresql://} URL.
 */
public sealed interface DbLocation permits DbLocation.SqliteFile, DbLocation.Postgres {

  /**
   * Reads {@code --db}: {@code postgresql://…} or {@code postgres://…} (libpq's URL form) or {@code
   * jdbc:postgresql:…} is PostgreSQL; anything else is a file path.
   *
   * @throws IllegalArgumentException for a PostgreSQL URL that cannot be read
   */
  static DbLocation parse(String text) {
    if (text.startsWith("jdbc:postgresql:")) {
      return new Postgres(text, Optional.empty(), Optional.empty());
    }
    if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
      return Postgres.fromUrl(text);
    }
    return new SqliteFile(Path.of(text));
  }

  static DbLocation file(Path path) {
    return new SqliteFile(path);
  }

  /** The SQLite file, for the commands that only work on one (backup, restore). */
  Optional<Path> sqliteFile();

  /** A SQLite database file. */
  record SqliteFile(Path path) implements DbLocation {
    @Override
    public Optional<Path> sqliteFile() {
      return Optional.of(path);
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /**
   * A PostgreSQL database. The password comes from the URL or, better (it stays out of the process
   * list), from {@code PGPASSWORD}; {@link #toString} never shows it.
   */
  record Postgres(String jdbcUrl, Optional<String> user, Optional<String> password)
      implements DbLocation {

    static Postgres fromUrl(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("cannot read the database URL: " + e.getReason(), e);
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException(
            "the database URL names no host; expected postgresql://user@host[:port]/database");
      }
      String info = uri.getRawUserInfo();
      Optional<String> user = Optional.empty();
      Optional<String> password = Optional.ofNullable(System.getenv("PGPASSWORD"));
      if (info != null) {
        int colon = info.indexOf(':');
        user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
        if (colon >= 0) {
          password = Optional.of(decode(info.substring(colon + 1)));
        }
      }
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
      return new Postgres(
          "jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Path> sqliteFile() {
      return Optional.empty();
    }

    /** The URL with the user but without the password: safe for logs and {@code /api/meta}. */
    @Override
    public String toString() {
      String at = user.map(u -> u + "@").orElse("");
      String noQuery = jdbcUrl.replaceFirst("\\?.*$", ""); // a query may carry a password
      return noQuery.replaceFirst("^jdbc:postgresql://", "postgresql://" + at);
    }
  }
}
