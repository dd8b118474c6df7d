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
    // The demo opens on a learner with a current streak, so the last few days are all active.
    int streakTail = Math.min(days, 4 + rnd.nextInt(8));
    double cycles = Math.max(1, days / 70.0);
    double phase = rnd.nextDouble();
    LocalDate first = options.firstDay();
    double[] weight = new double[days];
    double sum = 0;
    boolean previousActive = true;
    int sinceBreak = Integer.MAX_VALUE / 2;
    for (int d = 0; d < days; d++) {
      DayOfWeek dow = first.plusDays(d).getDayOfWeek();
      boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      boolean active;
      if (d >= days - streakTail) {
        active = true;
      } else if (off[d]) {
        active = false;
      } else {
        // A skipped day often becomes two; otherwise skips are rare on weekdays.
        double skip = !previousActive ? 0.35 : weekend ? 0.22 : 0.07;
        active = rnd.nextDouble() >= skip;
      }
      sinceBreak = active ? sinceBreak + 1 : 0;
      previousActive = active;
      if (!active) {
        continue;
      }
      double t = days == 1 ? 1 : d / (double) (days - 1);
      double motivation =
          1 + 0.22 * Math.sin(2 * Math.PI * (cycles * t + phase)) + 0.35 * Math.exp(-d / 12.0);
      double noise = Math.exp(Math.max(-0.5, Math.min(0.5, 0.3 * rnd.nextGaussian())));
      double comeback = sinceBreak <= 2 ? 0.7 : 1; // easing back in after time off
      weight[d] = WEEKDAY_FACTOR[dow.getValue() - 1] * motivation * noise * comeback;
      sum += weight[d];
    }
    double scale = days * options.exchangesPerDay() / sum;
    int[] counts = new int[days];
    // Carrying the fractional part forward keeps the total exact without biasing any day.
    double carry = 0;
    for (int d = 0; d < days; d++) {
      carry += weight[d] * scale;
      int count = (int) Math.floor(carry + 1e-9);
      counts[d] = count;
      carry -= count;
    }
    return new DayPlan(counts);
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
