package io.learnlytics.cli;

import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import java.nio.file.Path;

/** For the commands that copy a SQLite file (backup, restore): the file, or why there is none. */
final class SqliteOnly {
  private SqliteOnly() {}

  /**
   * The configured SQLite file.
   *
   * @throws ConfigException on PostgreSQL, naming what to use there instead
   */
  static Path file(Config config, String command) {
    return config
        .db()
        .sqliteFile()
        .orElseThrow(
            () ->
                new ConfigException(
                    command
                        + " copies a SQLite file; on PostgreSQL ("
                        + config.db()
                        + ") use pg_dump and pg_restore, or 'export' for a portable copy"));
  }
}
