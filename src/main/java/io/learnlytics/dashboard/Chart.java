package io.learnlytics.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Chart.js {@code data}: labels plus datasets, ready for {@code new Chart(ctx, {data})}. */
public record Chart(List<String> labels, List<Dataset> datasets) {
  /** One Chart.js dataset; Chart.js's camelCase option names are kept as they are. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dataset(
      String label,
      List<? extends Number> data,
      @JsonProperty("borderColor") @Nullable String borderColor,
      @JsonProperty("backgroundColor") @Nullable Object backgroundColor,
      @JsonProperty("yAxisID") @Nullable String yAxisId) {}
}
