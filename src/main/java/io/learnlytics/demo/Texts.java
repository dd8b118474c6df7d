package io.learnlytics.demo;

import java.util.Random;
import org.jspecify.annotations.Nullable;

/** Short template sentences for what the learner says and what the tutor answers. */
final class Texts {
  private static final String[][] USER_ONE = {
    {"Can you explain ", " again, a bit more slowly?"},
    {"Give me a simple example of ", "."},
    {"Quiz me on ", ", three questions please."},
    {"Why does ", " matter in practice?"},
    {"I'm stuck on ", ". Where should I start?"},
    {"What's a common mistake people make with ", "?"},
    {"Can you check my answer about ", "?"},
    {"Summarise ", " in two sentences."},
    {"How would you explain ", " to a beginner?"},
    {"What should I learn after ", "?"},
  };
  private static final String[][] USER_TWO = {
    {"How does ", " relate to ", "?"},
    {"What's the difference between ", " and ", "?"},
    {"Can you connect ", " with ", " in one example?"},
  };
  private static final String[][] AGENT_ONE = {
    {"Sure. The key idea of ", " is easiest to see in a small example, so let's build one."},
    {"Good question. People often trip over ", " at first; here is the part that makes it click."},
    {"Here is a short quiz on ", ". Take your time and answer the first one out loud."},
    {"Your answer about ", " is mostly right; one detail needs fixing, let me show you."},
    {"In short, ", " comes down to a few core rules. Let's go through them one at a time."},
    {"Let's review ", " with a quick recap, then one practice question."},
  };
  private static final String[][] AGENT_TWO = {
    {"Both ", " and ", " rest on a shared idea; let me show you where they meet."},
    {"Think of ", " as the tool and ", " as a place where you use it."},
  };
  private static final String[][] COMMENTS = {
    {"That's not quite right, check the last step.", "The example has a mistake in it."},
    {"Can you say that more simply?", "I didn't follow the second part."},
    {"Too long for a voice answer.", "Not what I asked."},
  };

  private Texts() {}

  static String user(String[] topics, int count, Random rnd) {
    if (count > 1 && rnd.nextDouble() < 0.5) {
      return two(USER_TWO[rnd.nextInt(USER_TWO.length)], topics);
    }
    String[] t = USER_ONE[rnd.nextInt(USER_ONE.length)];
    return t[0] + topics[0] + t[1];
  }

  static String agent(String[] topics, int count, Random rnd) {
    if (count > 1 && rnd.nextDouble() < 0.5) {
      return two(AGENT_TWO[rnd.nextInt(AGENT_TWO.length)], topics);
    }
    String[] t = AGENT_ONE[rnd.nextInt(AGENT_ONE.length)];
    return t[0] + topics[0] + t[1];
  }

  /** A comment for corrections and clarifications (always) and some thumbs down; else null. */
  static @Nullable String comment(String feedbackType, Random rnd) {
    String[] options =
        switch (feedbackType) {
          case "correction" -> COMMENTS[0];
          case "clarification" -> COMMENTS[1];
          case "thumbs_down" -> rnd.nextDouble() < 0.4 ? COMMENTS[2] : null;
          default -> null;
        };
    return options == null ? null : options[rnd.nextInt(options.length)];
  }

  private static String two(String[] t, String[] topics) {
    return t[0] + topics[0] + t[1] + topics[1] + t[2];
  }
}
