package io.learnlytics.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The few SQL forms that SQLite and PostgreSQL spell differently. Everything else the store says is
 * written once, in the common subset (upserts with {@code ON CONFLICT}, {@code RETURNING}, {@code
 * coalesce}, CASE for two-argument min and max), so both backends run the same statements.
 */
public enum Dialect {
  SQLITE {
    @Override
    public String jsonValues(String json, String alias) {
      return "json_each(" + json + ") " + alias;
    }

    @Override
    public String idValues(String ids, String alias) {
      return "json_each('[' || coalesce(" + ids + ", '') || ']') " + alias;
    }

    @Override
    public String jsonArrayOf(String value, String order) {
      return "json_group_array(" + value + " ORDER BY " + order + ")";
    }

    @Override
    public String asText(String expr) {
      return expr; // SQLite measures and concatenates integers as their decimal text
    }

    @Override
    public String jsonField(String json, String field) {
      return "json_extract(" + json + ", '$." + field + "')";
    }
  },

  POSTGRESQL {
    @Override
    public String jsonValues(String json, String alias) {
      return "json_array_elements_text(CAST(" + json + " AS json)) AS " + alias + "(value)";
    }

    @Override
    public String idValues(String ids, String alias) {
      return "unnest(CAST(string_to_array(" + ids + ", ',') AS BIGINT[])) AS " + alias + "(value)";
    }

    @Override
    public String jsonArrayOf(String value, String order) {
      // Not json_agg: it separates elements with ", ", and exports must be byte-identical on both.
      return "('[' || coalesce(string_agg(CAST(to_json("
          + value
          + ") AS TEXT), ',' ORDER BY "
          + order
          + "), '') || ']')";
    }

    @Override
    public String asText(String expr) {
      return "CAST(" + expr + " AS TEXT)";
    }

    @Override
    public String jsonField(String json, String field) {
      return "(CAST(" + json + " AS json) ->> '" + field + "')";
    }
  };

  /** The dialect of the database {@code c} is connected to. */
  public static Dialect of(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().equals("PostgreSQL") ? POSTGRESQL : SQLITE;
  }

  /**
   * A FROM item named {@code alias} with one row per element of the JSON array text {@code json},
   * in column {@code value}.
   */
  public abstract String jsonValues(String json, String alias);

  /**
   * A FROM item named {@code alias} with one row per id of a comma-separated id list such as {@code
   * topic_ids} ({@code "3,17"}; NULL has none), in integer column {@code value}.
   */
  public abstract String idValues(String ids, String alias);

  /** The JSON array text of {@code value} over a group's rows, ordered by {@code order}. */
  public abstract String jsonArrayOf(String value, String order);

  /** {@code expr} as text, for measuring and concatenating columns of any type. */
  public abstract String asText(String expr);

  /** The text value of the top-level {@code field} of the JSON object text {@code json}. */
  public abstract String jsonField(String json, String field);
}
