package io.learnlytics.page;

/**
 * Takes out of our scripts and style sheet what only a reader needs: comments on lines of their
 * own, indentation and blank lines, about a fifth of the gzipped bytes. Line breaks stay, so
 * JavaScript's automatic semicolons and every string are untouched; a comment after code on the
 * same line stays too (finding it would need a JavaScript lexer). This relies on one rule of our
 * code, which it checks: no string spans lines (a template literal across lines would lose its
 * indentation).
 */
final class Minify {
  private Minify() {}

  /** JavaScript without whole-line comments, indentation or blank lines. */
  static String script(String source, String name) {
    StringBuilder out = new StringBuilder(source.length());
    boolean inComment = false;
    int number = 0;
    for (String line : source.split("\n", -1)) {
      number++;
      String text = line.strip();
      if (inComment || text.startsWith("/*")) {
        inComment = !endsComment(text, name, number);
      } else if (!text.isEmpty() && !text.startsWith("//")) {
        if (backticks(text) % 2 != 0) {
          throw new IllegalStateException(
              name + " line " + number + ": a template literal spans lines");
        }
        out.append(text).append('\n');
      }
    }
    return out.toString();
  }

  /** CSS without comments, indentation or blank lines. */
  static String style(String source, String name) {
    return script(source.replaceAll("(?s)/\\*.*?\\*/", ""), name);
  }

  /** Whether a comment line closes its comment, which must then be the whole line. */
  private static boolean endsComment(String text, String name, int number) {
    int end = text.indexOf("*/");
    if (end >= 0 && end + 2 < text.length()) {
      throw new IllegalStateException(name + " line " + number + ": code after a comment");
    }
    return end >= 0;
  }

  private static long backticks(String text) {
    return text.chars().filter(c -> c == '`').count();
  }
}
