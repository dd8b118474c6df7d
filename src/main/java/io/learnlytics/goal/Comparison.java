package io.learnlytics.goal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a goal's value is compared with its target: at least, at most or exactly. */
public enum Comparison {
  GTE,
  LTE,
  EQ;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(Comparison::id).toList();
  }

  public static Comparison of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  boolean meets(double current, double target) {
    return switch (this) {
      case GTE -> current >= target;
      case LTE -> current <= target;
      case EQ -> Math.abs(current - target) < 1e-9;
    };
  }

  /** 0–100: how far towards the target ("at most" goals are 100 while within the limit). */
  double percent(double current, double target) {
    double p =
        switch (this) {
          case GTE -> current / target * 100;
          case LTE -> current <= target ? 100 : target / current * 100;
          case EQ -> meets(current, target) ? 100 : 0;
        };
    return Math.round(Math.min(100, Math.max(0, p)) * 10) / 10.0;
  }
}
