package io.learnlytics.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;

/**
 * How many exchanges happen on each local day: runs of active days, single skipped days (more often
 * at weekends), a holiday and some illness, busier weekdays, waves of motivation and the enthusiasm
 * of a new learner. The per-day counts are scaled so that their total is exactly {@code days *
 * exchangesPerDay} (rounded down), which keeps the overall mean on target for any seed. Memory is
 * one int per day, never per event.
 */
final class DayPlan {
  /** Relative activity Monday..Sunday: Friday evenings and weekends are quieter. */
  private static final double[] WEEKDAY_FACTOR = {1.0, 1.05, 1.0, 0.95, 0.8, 0.55, 0.7};

  private final int[] exchanges;

  private DayPlan(int[] exchanges) {
    this.exchanges = exchanges;
  }

  static DayPlan create(DemoOptions options, Random rnd) {
    int days = options.days();
    boolean[] off = breaks(days, rnd);
    // The demo opens on a learner with a current streak, so the last few days are all active.
    int streakTail = Math.min(days, 4 + rnd.nextInt(8));
    double[] weight = weights(options, off, streakTail, rnd);
    double sum = 0;
    for (double w : weight) {
      sum += w;
    }
    return new DayPlan(spread(weight, days * options.exchangesPerDay() / sum));
  }

  /** Each day's share of the exchanges: 0 on days off, else weekday, motivation and noise. */
  private static double[] weights(DemoOptions options, boolean[] off, int streakTail, Random rnd) {
    int days = options.days();
    double cycles = Math.max(1, days / 70.0);
    double phase = rnd.nextDouble();
    LocalDate first = options.firstDay();
    double[] weight = new double[days];
    boolean previousActive = true;
    int sinceBreak = Integer.MAX_VALUE / 2;
    for (int d = 0; d < days; d++) {
      DayOfWeek dow = first.plusDays(d).getDayOfWeek();
      boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      boolean active =
          d >= days - streakTail || (!off[d] && rnd.nextDouble() >= skip(previousActive, weekend));
      sinceBreak = active ? sinceBreak + 1 : 0;
      previousActive = active;
      if (active) {
        double motivation = motivation(d, days, cycles, phase);
        double noise = Math.exp(Math.max(-0.5, Math.min(0.5, 0.3 * rnd.nextGaussian())));
        double comeback = sinceBreak <= 2 ? 0.7 : 1; // easing back in after time off
        weight[d] = WEEKDAY_FACTOR[dow.getValue() - 1] * motivation * noise * comeback;
      }
    }
    return weight;
  }

  /** Waves of {@code cycles} over the history, plus a beginner's enthusiasm early on. */
  private static double motivation(int d, int days, double cycles, double phase) {
    double t = days == 1 ? 1 : d / (double) (days - 1);
    return 1 + 0.22 * Math.sin(2 * Math.PI * (cycles * t + phase)) + 0.35 * Math.exp(-d / 12.0);
  }

  /** A skipped day often becomes two; otherwise skips are rare on weekdays. */
  private static double skip(boolean previousActive, boolean weekend) {
    return !previousActive ? 0.35 : weekend ? 0.22 : 0.07;
  }

  /** Holidays (about one in 150 days) and illnesses (one in 90) on histories of 30 days or more. */
  private static boolean[] breaks(int days, Random rnd) {
    boolean[] off = new boolean[days];
    if (days >= 30) {
      int holidays = Math.max(1, (int) Math.round(days / 150.0));
      for (int h = 0; h < holidays; h++) {
        markBreak(off, 5 + rnd.nextInt(8), rnd);
      }
      int illnesses = (int) Math.round(days / 90.0);
      for (int s = 0; s < illnesses; s++) {
        markBreak(off, 2 + rnd.nextInt(3), rnd);
      }
    }
    return off;
  }

  /** Whole exchange counts proportional to {@code weight}, scaled by {@code scale}. */
  private static int[] spread(double[] weight, double scale) {
    int[] counts = new int[weight.length];
    // Carrying the fractional part forward keeps the total exact without biasing any day.
    double carry = 0;
    for (int d = 0; d < weight.length; d++) {
      carry += weight[d] * scale;
      int count = (int) Math.floor(carry + 1e-9);
      counts[d] = count;
      carry -= count;
    }
    return counts;
  }

  private static void markBreak(boolean[] off, int length, Random rnd) {
    // Ends before the final active run (at most 11 days), so no break is ever cut short by it.
    int latestStart = Math.max(1, off.length - length - 12);
    int start = rnd.nextInt(latestStart);
    for (int d = start; d < Math.min(off.length, start + length); d++) {
      off[d] = true;
    }
  }

  /** The number of exchanges on local day {@code day} (0 = first day). */
  int exchanges(int day) {
    return exchanges[day];
  }

  int days() {
    return exchanges.length;
  }
}
