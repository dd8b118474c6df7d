package io.learnlytics.demo;

import java.util.List;

/**
 * A fixed catalogue of things people learn with a voice tutor, with their prerequisites. Some
 * prerequisites (such as "arithmetic" or "relational model") are deliberately not topics of their
 * own, so a generated learner always has prerequisites they never studied.
 */
final class Catalogue {
  /** A learnable topic, its subject area, and the concepts it builds on. */
  record Entry(String name, String domain, List<String> prerequisites) {}

  static final List<Entry> ENTRIES =
      List.of(
          e("python basics", "programming"),
          e("variables and types", "programming"),
          e("functions", "programming", "variables and types"),
          e("loops", "programming", "variables and types"),
          e("recursion", "programming", "functions"),
          e("closures", "programming", "functions"),
          e("list comprehensions", "programming", "loops", "python basics"),
          e("object-oriented programming", "programming", "functions"),
          e("unit testing", "programming", "functions"),
          e("big-o notation", "programming", "loops", "logarithms"),
          e("sorting algorithms", "programming", "big-o notation", "loops"),
          e("hash tables", "programming", "big-o notation"),
          e("linked lists", "programming", "object-oriented programming"),
          e("binary trees", "programming", "recursion", "linked lists"),
          e("graph algorithms", "programming", "binary trees"),
          e("dynamic programming", "programming", "recursion"),
          e("regular expressions", "programming", "string manipulation"),
          e("sql joins", "programming", "relational model"),
          e("git branching", "programming", "version control basics"),
          e("async programming", "programming", "functions", "event loop"),
          e("http basics", "programming"),
          e("rest api design", "programming", "http basics"),
          e("fractions", "math", "arithmetic"),
          e("linear equations", "math", "fractions"),
          e("quadratic equations", "math", "linear equations"),
          e("logarithms", "math", "exponents"),
          e("trigonometry", "math", "geometry basics"),
          e("limits", "math", "quadratic equations"),
          e("derivatives", "math", "limits"),
          e("integrals", "math", "derivatives"),
          e("linear algebra", "math", "linear equations"),
          e("matrices", "math", "linear algebra"),
          e("eigenvalues", "math", "matrices"),
          e("probability", "math", "fractions"),
          e("statistics", "math", "probability"),
          e("bayes theorem", "math", "probability"),
          e("hypothesis testing", "math", "statistics"),
          e("spanish vocabulary", "languages"),
          e("spanish verbs", "languages", "spanish vocabulary"),
          e("spanish subjunctive", "languages", "spanish verbs"),
          e("french pronunciation", "languages"),
          e("french past tense", "languages", "french verbs"),
          e("german cases", "languages", "german articles"),
          e("japanese hiragana", "languages"),
          e("japanese katakana", "languages", "japanese hiragana"),
          e("japanese kanji", "languages", "japanese hiragana"),
          e("english idioms", "languages"),
          e("cell biology", "science"),
          e("photosynthesis", "science", "cell biology"),
          e("dna replication", "science", "cell biology"),
          e("genetics", "science", "dna replication"),
          e("evolution", "science", "genetics"),
          e("newton's laws", "science"),
          e("energy and work", "science", "newton's laws"),
          e("thermodynamics", "science", "energy and work"),
          e("electric circuits", "science", "ohm's law"),
          e("periodic table", "science"),
          e("chemical bonds", "science", "periodic table"),
          e("acids and bases", "science", "chemical bonds"),
          e("plate tectonics", "science"),
          e("climate systems", "science"),
          e("roman empire", "humanities"),
          e("french revolution", "humanities", "enlightenment"),
          e("industrial revolution", "humanities"),
          e("world war one", "humanities", "industrial revolution"),
          e("cold war", "humanities", "world war two"),
          e("stoicism", "humanities"),
          e("logical fallacies", "humanities", "formal logic"),
          e("essay structure", "humanities"),
          e("music theory", "arts", "reading music"),
          e("guitar chords", "arts", "music theory"),
          e("color theory", "arts"),
          e("supply and demand", "economics"),
          e("inflation", "economics", "supply and demand"),
          e("compound interest", "economics", "percentages"),
          e("personal budgeting", "economics", "compound interest"));

  private Catalogue() {}

  private static Entry e(String name, String domain, String... prerequisites) {
    return new Entry(name, domain, List.of(prerequisites));
  }
}
