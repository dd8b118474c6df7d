package io.learnlytics.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Precision and recall of the anomaly detector on generated series with planted anomalies of known
 * size ({@link LabelledSeries}), next to the specification's mean ± 2σ rule ({@link MeanSigmaRule})
 * on the very same series. Only days after the warm-up are scored; a planted day is a positive, any
 * other scored day flagged is a false alarm. Used by the {@code bench-anomalies} command.
 */
public final class AnomalyBench {
  /** Planted sizes in spreads of the shape; 0 is a drop to 0. */
  public static final List<Double> SIZES = List.of(3.0, 5.0, 8.0, 0.0);

  /** Days of each series that are scored (after the warm-up). */
  public static final int SCORED_DAYS = LabelledSeries.DAYS - LabelledSeries.WARM_UP;

  public static final String OURS = "median/MAD, same weekday";
  public static final String SPEC = "mean ± 2σ, last 30 days";

  private AnomalyBench() {}

  /** One shape × size × detector: counts over every series and scored day. */
  public record Row(
      String shape,
      String size,
      String detector,
      long planted,
      long found,
      long falseAlarms,
      long quietDays) {
    public double precision() {
      return found + falseAlarms == 0 ? Double.NaN : (double) found / (found + falseAlarms);
    }

    public double recall() {
      return planted == 0 ? Double.NaN : (double) found / planted;
    }

    /** False alarms per 100 scored days without a planted anomaly. */
    public double falseAlarmsPer100Days() {
      return quietDays == 0 ? Double.NaN : 100.0 * falseAlarms / quietDays;
    }
  }

  /** {@code series} series of every shape and size, from {@code seed}; two rows per pair. */
  public static List<Row> run(int series, long seed) {
    List<Row> rows = new ArrayList<>();
    for (BenchShape shape : BenchShape.values()) {
      for (double size : SIZES) {
        rows.addAll(
            cell(shape, size, series, new Random(seed * 31 + shape.ordinal() * 7L + (long) size)));
      }
    }
    return rows;
  }

  static List<Row> cell(BenchShape shape, double size, int series, Random random) {
    long[] ours = new long[4];
    long[] spec = new long[4];
    for (int s = 0; s < series; s++) {
      LabelledSeries l = LabelledSeries.generate(shape, size, random);
      DaySeries days = l.days();
      for (int i = LabelledSeries.WARM_UP; i < l.values().length; i++) {
        AnomalyDetector.Judgement j = AnomalyDetector.judge(days, l.day(i));
        count(ours, l.planted()[i], j != null && j.flagged());
        count(spec, l.planted()[i], MeanSigmaRule.flags(l.values(), i));
      }
    }
    String name = shape.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    String label =
        size == 0 ? "drop to 0" : String.format(Locale.ROOT, "%+.0f spreads", size * shape.away);
    return List.of(row(name, label, OURS, ours), row(name, label, SPEC, spec));
  }

  /** counts: planted, found, false alarms, quiet days. */
  private static void count(long[] counts, boolean planted, boolean flagged) {
    if (planted) {
      counts[0]++;
      counts[1] += flagged ? 1 : 0;
    } else {
      counts[3]++;
      counts[2] += flagged ? 1 : 0;
    }
  }

  private static Row row(String shape, String size, String detector, long[] c) {
    return new Row(shape, size, detector, c[0], c[1], c[2], c[3]);
  }
}
