package io.learnlytics.demo;

import java.util.Random;

/**
 * The times of day a learner usually studies. Weekdays cluster before work, at lunch and in the
 * evening; weekends start later. Slot ranges are at least 45 minutes apart, so sessions in
 * different slots never overlap.
 */
final class Slots {
  /** A habitual study time: a start-time range in minutes of the local day and a device habit. */
  record Slot(
      int earliest, int usual, int latest, double spread, double weight, String[] devices) {}

  static final Slot[] WEEKDAY = {
    new Slot(at(6, 30), at(7, 15), at(8, 30), 20, 0.35, new String[] {"voice", "voice", "mobile"}),
    new Slot(at(12, 0), at(12, 30), at(13, 30), 15, 0.12, new String[] {"mobile", "web"}),
    new Slot(at(18, 30), at(19, 20), at(20, 15), 25, 0.30, new String[] {"web", "voice", "web"}),
    new Slot(at(21, 0), at(21, 30), at(22, 30), 20, 0.23, new String[] {"voice", "mobile"}),
  };

  static final Slot[] WEEKEND = {
    new Slot(at(8, 30), at(10, 0), at(11, 30), 40, 0.32, new String[] {"mobile", "voice"}),
    new Slot(at(13, 30), at(15, 0), at(16, 30), 45, 0.25, new String[] {"web", "mobile"}),
    new Slot(at(17, 30), at(18, 30), at(19, 30), 30, 0.13, new String[] {"mobile"}),
    new Slot(at(20, 15), at(21, 0), at(22, 30), 30, 0.30, new String[] {"voice", "web"}),
  };

  private Slots() {}

  private static int at(int hour, int minute) {
    return hour * 60 + minute;
  }

  /**
   * Chooses {@code count} (1–4) distinct slots by their weights, returned in time order as a bit
   * set over the slot indexes.
   */
  static int choose(Slot[] slots, int count, Random rnd) {
    int chosen = 0;
    for (int k = 0; k < count; k++) {
      double total = 0;
      for (int i = 0; i < slots.length; i++) {
        if ((chosen & (1 << i)) == 0) {
          total += slots[i].weight();
        }
      }
      double u = rnd.nextDouble() * total;
      int pick = -1;
      for (int i = 0; i < slots.length; i++) {
        if ((chosen & (1 << i)) == 0) {
          pick = i;
          u -= slots[i].weight();
          if (u < 0) {
            break;
          }
        }
      }
      chosen |= 1 << pick;
    }
    return chosen;
  }

  /** A start time within the slot, in seconds of the local day. */
  static int startSecond(Slot slot, Random rnd) {
    double minute = slot.usual() + slot.spread() * rnd.nextGaussian();
    minute = Math.max(slot.earliest(), Math.min(slot.latest(), minute));
    return (int) Math.round(minute * 60);
  }

  static String device(Slot slot, Random rnd) {
    String[] devices = slot.devices();
    return devices[rnd.nextInt(devices.length)];
  }
}
