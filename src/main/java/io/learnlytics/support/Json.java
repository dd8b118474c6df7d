package io.learnlytics.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the application. */
public final class Json {
  /**
   * Dates as ISO strings, object members in sorted order when a tree is written (so the stored form
   * of client-supplied JSON such as {@code metadata} does not depend on the client's key order).
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  /** Like {@link #MAPPER}, but writes the members of JSON trees in sorted order. */
  public static final ObjectMapper SORTED =
      MAPPER.copy().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

  private Json() {}
}
