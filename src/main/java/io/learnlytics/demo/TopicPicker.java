package io.learnlytics.demo;

import java.util.Random;

/**
 * Chooses what a session is about (by today's interest) and the topics of each exchange in it. Half
 * of the sessions start with a topic the learner has interest in but has not yet studied, so every
 * planned topic shows up soon after its interest begins, even a faint one.
 */
final class TopicPicker {
  private final TopicPlan topics;
  private final double[] interest;
  private final boolean[] studied;
  private final int[] sessionTopics = new int[3];
  private final String[] exchangeTopics = new String[3];
  private double totalInterest;
  private int sessionTopicCount;
  private int primary;

  TopicPicker(TopicPlan topics) {
    this.topics = topics;
    this.interest = new double[topics.size()];
    this.studied = new boolean[topics.size()];
  }

  void startDay(double t) {
    topics.interests(t, interest);
    totalInterest = 0;
    for (double w : interest) {
      totalInterest += w;
    }
  }

  /** Picks one to three distinct topics for a new session. */
  void startSession(Random rnd) {
    int wanted = 1 + (rnd.nextDouble() < 0.45 ? 1 : 0) + (rnd.nextDouble() < 0.15 ? 1 : 0);
    sessionTopicCount = 0;
    if (rnd.nextDouble() < 0.5) {
      int fresh = strongestUnstudied();
      if (fresh >= 0) {
        sessionTopics[sessionTopicCount++] = fresh;
      }
    }
    for (int attempt = 0; sessionTopicCount < wanted && attempt < 8; attempt++) {
      int pick = weighted(rnd);
      boolean known = false;
      for (int k = 0; k < sessionTopicCount; k++) {
        known |= sessionTopics[k] == pick;
      }
      if (!known) {
        sessionTopics[sessionTopicCount++] = pick;
      }
    }
  }

  /**
   * Chooses the next exchange's topics: mostly the session's first topic, sometimes another, at
   * times with the session's other topics alongside. Returns how many of {@link #names()} are set.
   */
  int nextExchange(Random rnd) {
    int n = sessionTopicCount;
    primary = sessionTopics[n > 1 && rnd.nextDouble() < 0.4 ? 1 + rnd.nextInt(n - 1) : 0];
    exchangeTopics[0] = topics.name(primary);
    studied[primary] = true;
    int count = 1;
    for (int k = 0; k < n; k++) {
      if (sessionTopics[k] != primary && rnd.nextDouble() < 0.3) {
        exchangeTopics[count++] = topics.name(sessionTopics[k]);
        studied[sessionTopics[k]] = true;
      }
    }
    return count;
  }

  /** The main topic of the last exchange. */
  int primary() {
    return primary;
  }

  /** The topic names of the last exchange (reused between calls). */
  String[] names() {
    return exchangeTopics;
  }

  private int strongestUnstudied() {
    int best = -1;
    for (int i = 0; i < interest.length; i++) {
      if (!studied[i] && interest[i] > 0 && (best < 0 || interest[i] > interest[best])) {
        best = i;
      }
    }
    return best;
  }

  private int weighted(Random rnd) {
    double u = rnd.nextDouble() * totalInterest;
    int last = 0;
    for (int i = 0; i < interest.length; i++) {
      if (interest[i] > 0) {
        last = i;
        u -= interest[i];
        if (u < 0) {
          return i;
        }
      }
    }
    return last;
  }
}
