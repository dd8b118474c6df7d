package io.learnlytics.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The topics one learner studies and how their interest in each rises and fades over the period.
 * Time {@code t} runs from 0 (first day) to 1 (last day).
 */
final class TopicPlan {
  static final int MIN_TOPICS = 20;
  static final int MAX_TOPICS = 60;

  /** How interest in a topic evolves; a real learner has a few of each. */
  enum Shape {
    /** Always there, with a slow wave. */
    STEADY,
    /** Absent until a start point, then grows. */
    RISING,
    /** Strong at first, then dies away. */
    FADING,
    /** A short burst of interest (an exam, a project). */
    BURST
  }

  private final List<Catalogue.Entry> entries;
  private final Shape[] shapes;
  private final double[] amplitude;
  private final double[] first;
  private final double[] second;

  private TopicPlan(List<Catalogue.Entry> entries, Random rnd) {
    int n = entries.size();
    this.entries = List.copyOf(entries);
    this.shapes = new Shape[n];
    this.amplitude = new double[n];
    this.first = new double[n];
    this.second = new double[n];
    // Two favourite subject areas get most of the attention, as with most learners.
    String favouriteA = entries.get(0).domain();
    String favouriteB = entries.get(n / 2).domain();
    for (int i = 0; i < n; i++) {
      // The first three are steady so that every day has something to study.
      Shape shape = i < 3 ? Shape.STEADY : pickShape(rnd);
      String domain = entries.get(i).domain();
      boolean favourite = domain.equals(favouriteA) || domain.equals(favouriteB);
      shapes[i] = shape;
      amplitude[i] = (0.2 + 0.8 * rnd.nextDouble()) * (favourite ? 1.8 : 1.0);
      pickParameters(i, shape, rnd);
    }
  }

  /** The two numbers that place topic {@code i}'s interest curve of its shape in time. */
  private void pickParameters(int i, Shape shape, Random rnd) {
    switch (shape) {
      case STEADY -> {
        first[i] = 0.5 + 2.5 * rnd.nextDouble(); // waves over the period
        second[i] = rnd.nextDouble(); // phase
      }
      case RISING -> {
        first[i] = 0.1 + 0.65 * rnd.nextDouble(); // start
        second[i] = 0.05 + 0.2 * rnd.nextDouble(); // ramp length
      }
      case FADING -> {
        first[i] = 0.2 + 0.5 * rnd.nextDouble(); // when it starts to fade
        second[i] = 0.03 + 0.09 * rnd.nextDouble(); // decay length
      }
      case BURST -> {
        first[i] = 0.1 + 0.8 * rnd.nextDouble(); // centre
        second[i] = 0.03 + 0.07 * rnd.nextDouble(); // width
      }
    }
  }

  /** Picks 20–60 topics from the catalogue, at least one with a prerequisite never studied. */
  static TopicPlan create(Random rnd) {
    List<Catalogue.Entry> all = new ArrayList<>(Catalogue.ENTRIES);
    Collections.shuffle(all, rnd);
    int n = MIN_TOPICS + rnd.nextInt(MAX_TOPICS - MIN_TOPICS + 1);
    List<Catalogue.Entry> chosen = new ArrayList<>(all.subList(0, n));
    if (!hasUnstudiedPrerequisite(chosen)) {
      // Concepts outside the catalogue can never be studied, so this swap always works.
      for (Catalogue.Entry candidate : all.subList(n, all.size())) {
        if (candidate.prerequisites().stream().anyMatch(p -> !isCatalogued(p))) {
          chosen.set(n - 1, candidate);
          break;
        }
      }
    }
    return new TopicPlan(chosen, rnd);
  }

  static boolean hasUnstudiedPrerequisite(List<Catalogue.Entry> chosen) {
    Set<String> names = new HashSet<>();
    chosen.forEach(e -> names.add(e.name()));
    return chosen.stream()
        .flatMap(e -> e.prerequisites().stream())
        .anyMatch(p -> !names.contains(p));
  }

  private static boolean isCatalogued(String concept) {
    return Catalogue.ENTRIES.stream().anyMatch(e -> e.name().equals(concept));
  }

  private static Shape pickShape(Random rnd) {
    double u = rnd.nextDouble();
    if (u < 0.25) {
      return Shape.STEADY;
    } else if (u < 0.55) {
      return Shape.RISING;
    } else if (u < 0.8) {
      return Shape.FADING;
    }
    return Shape.BURST;
  }

  int size() {
    return entries.size();
  }

  Catalogue.Entry entry(int i) {
    return entries.get(i);
  }

  String name(int i) {
    return entries.get(i).name();
  }

  /** Index of the topic with this name, or -1 when the learner does not study it. */
  int indexOf(String name) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  Shape shape(int i) {
    return shapes[i];
  }

  /** Interest in topic {@code i} at time {@code t} in [0, 1]; 0 means not studied then. */
  double interest(int i, double t) {
    double a = amplitude[i];
    return switch (shapes[i]) {
      case STEADY -> a * (0.8 + 0.2 * Math.sin(2 * Math.PI * (first[i] * t + second[i])));
      case RISING -> {
        if (t < first[i]) {
          yield 0;
        }
        double x = Math.min(1, (t - first[i]) / second[i]);
        yield a * (0.15 + 0.85 * x * x * (3 - 2 * x));
      }
      case FADING -> {
        double v = t <= first[i] ? a : a * Math.exp(-(t - first[i]) / second[i]);
        yield v < 0.02 * a ? 0 : v;
      }
      case BURST -> {
        double z = (t - first[i]) / second[i];
        yield Math.abs(z) > 2.5 ? 0 : a * Math.exp(-z * z / 2);
      }
    };
  }

  /** The time at which the learner first shows interest in topic {@code i}. */
  double start(int i) {
    return switch (shapes[i]) {
      case RISING -> first[i];
      case BURST -> Math.max(0, first[i] - 2.5 * second[i]);
      default -> 0;
    };
  }

  /** Fills {@code out} with the interest of every topic at time {@code t}. */
  void interests(double t, double[] out) {
    for (int i = 0; i < entries.size(); i++) {
      out[i] = interest(i, t);
    }
  }
}
