package io.learnlytics.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's ES modules joined into one script: a cold load then costs one request and one gzip
 * stream instead of some thirty, about a fifth of the page's weight (issue 18). There is still no
 * build step: the modules are joined when the server starts, and each stays servable on its own for
 * the JavaScript unit tests and for reading.
 *
 * <p>Each module becomes a function run once, on its first import, as a browser runs a module: its
 * dependencies first, in the order it imports them. Its imports become reads of those modules'
 * exports, its exports the object it returns, and a dynamic {@code import('./x.js')} a promise of
 * module {@code x}, run only then. Only the forms our modules use are understood; anything else, or
 * a cycle of static imports, fails the server's start and the tests instead of making a script that
 * breaks in the browser.
 */
final class ScriptBundle {
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import\\s+(?:\\{([^}]*)\\}|\\*\\s+as\\s+(\\w+))\\s+from\\s+'\\./([\\w-]+)\\.js';[ \\t]*$",
          Pattern.MULTILINE);
  private static final Pattern DYNAMIC_IMPORT = Pattern.compile("import\\('\\./([\\w-]+)\\.js'\\)");
  private static final Pattern EXPORT =
      Pattern.compile(
          "^export\\s+((?:async\\s+function\\*?|function\\*?|class|const)\\s+(\\w+))",
          Pattern.MULTILINE);
  private static final Pattern LEFT_OVER =
      Pattern.compile("^\\s*(?:import|export)\\b(?!\\()", Pattern.MULTILINE);

  private final UnaryOperator<String> sources;
  private final Map<String, String> modules = new LinkedHashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  private ScriptBundle(UnaryOperator<String> sources) {
    this.sources = sources;
  }

  /**
   * Joins {@code entry} (a file name such as {@code app.js}) with every module it imports,
   * statically or dynamically; {@code sources} gives a file's text by its name.
   *
   * @throws IllegalStateException on module syntax the bundle does not understand, or a cycle
   */
  static String of(String entry, UnaryOperator<String> sources) {
    ScriptBundle bundle = new ScriptBundle(sources);
    String name = moduleName(entry);
    bundle.add(name);
    StringBuilder out =
        new StringBuilder("const $once = (f) => { let m; return () => (m ??= f()); };\n");
    bundle.modules.values().forEach(out::append);
    return out.append(variable(name)).append("();\n").toString();
  }

  private void add(String name) {
    if (modules.containsKey(name)) {
      return;
    }
    if (!inProgress.add(name)) {
      throw new IllegalStateException("a cycle of static imports runs through " + name + ".js");
    }
    String source = sources.apply(name + ".js");
    List<String> dynamic = new ArrayList<>();
    String body = replaceImports(source);
    body = replaceDynamicImports(body, dynamic);
    Set<String> exported = new LinkedHashSet<>();
    Matcher m = EXPORT.matcher(body);
    body = m.replaceAll(r -> Matcher.quoteReplacement(exportedDeclaration(r, exported)));
    Matcher left = LEFT_OVER.matcher(body);
    if (left.find()) {
      int line = body.substring(0, left.start()).split("\n", -1).length;
      throw new IllegalStateException(
          name + ".js line " + line + ": an import or export form the bundle does not understand");
    }
    inProgress.remove(name);
    modules.put(
        name,
        "const "
            + variable(name)
            + " = $once(() => {\n"
            + body.strip()
            + "\nreturn { "
            + String.join(", ", exported)
            + " };\n});\n");
    dynamic.forEach(this::add);
  }

  /** Static imports: the imported module is added (run) first, its names read from its exports. */
  private String replaceImports(String source) {
    Matcher m = IMPORT.matcher(source);
    StringBuilder body = new StringBuilder();
    while (m.find()) {
      String dependency = m.group(3);
      add(dependency);
      String binding = m.group(2) != null ? m.group(2) : "{ " + names(m.group(1)) + " }";
      m.appendReplacement(
          body,
          Matcher.quoteReplacement("const " + binding + " = " + variable(dependency) + "();"));
    }
    m.appendTail(body);
    return body.toString();
  }

  /** {@code a, b as c} in an import list is {@code a, b: c} in a destructuring. */
  private static String names(String list) {
    List<String> names = new ArrayList<>();
    for (String part : list.split(",")) {
      String[] words = part.strip().split("\\s+as\\s+");
      if (!part.isBlank()) {
        names.add(words.length == 2 ? words[0] + ": " + words[1] : words[0]);
      }
    }
    return String.join(", ", names);
  }

  private static String replaceDynamicImports(String body, List<String> dynamic) {
    return DYNAMIC_IMPORT
        .matcher(body)
        .replaceAll(
            r -> {
              dynamic.add(r.group(1));
              return Matcher.quoteReplacement(
                  "Promise.resolve().then(" + variable(r.group(1)) + ")");
            });
  }

  private static String exportedDeclaration(MatchResult r, Set<String> exported) {
    exported.add(r.group(2));
    return r.group(1);
  }

  private static String moduleName(String file) {
    if (!file.endsWith(".js")) {
      throw new IllegalArgumentException("not a script: " + file);
    }
    return file.substring(0, file.length() - ".js".length());
  }

  private static String variable(String module) {
    return "$" + module.replace('-', '_');
  }
}
