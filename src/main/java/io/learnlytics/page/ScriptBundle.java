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
import org.jspecify.annotations.Nullable;

/**
 * The page's ES modules joined into two scripts: what the page runs at once, and what it imports
 * only when the learner opens a part (the topic view, the year, the reports). A cold load then
 * costs one request and one gzip stream instead of some thirty, about a fifth of the page's weight
 * (issue 18). There is still no build step: the modules are joined when the server starts, and each
 * stays servable on its own for the JavaScript unit tests and for reading.
 *
 * <p>Each module becomes a function run once, on its first import, as a browser runs a module: its
 * dependencies first, in the order it imports them. Its imports become reads of those modules'
 * exports, its exports the object it returns. A dynamic {@code import('./x.js')} becomes a promise
 * of module {@code x}: at once when the main script holds it, else after loading the second script,
 * which takes the main script's modules from it (one module instance each, as in the browser). Only
 * the forms our modules use are understood; anything else, or a cycle of static imports, fails the
 * server's start and the tests instead of making a script that breaks in the browser.
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
  private static final String ONCE = "const $once = (f) => { let m; return () => (m ??= f()); };\n";

  /** {@code main}: the script the page loads; {@code lazy}: the modules it imports on demand. */
  record Scripts(String main, String lazy) {}

  private final UnaryOperator<String> sources;
  private final String lazyFile;
  private final Set<String> eager;
  private final Map<String, String> modules = new LinkedHashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final List<String> dynamic = new ArrayList<>();

  private ScriptBundle(UnaryOperator<String> sources, String lazyFile, Set<String> eager) {
    this.sources = sources;
    this.lazyFile = lazyFile;
    this.eager = eager;
  }

  /**
   * Joins {@code entry} (a file name such as {@code app.js}) with every module it imports; the
   * modules it reaches only through a dynamic import go to the second script, served as {@code
   * lazyFile} next to the first, served as {@code mainFile}. {@code sources} gives a file's text.
   *
   * @throws IllegalStateException on module syntax the bundle does not understand, or a cycle
   */
  static Scripts of(String entry, String mainFile, String lazyFile, UnaryOperator<String> sources) {
    String name = moduleName(entry);
    ScriptBundle bundle = new ScriptBundle(sources, lazyFile, staticClosure(name, sources));
    bundle.add(name);
    List<String> main = new ArrayList<>(bundle.modules.keySet());
    for (int i = 0; i < bundle.dynamic.size(); i++) {
      bundle.add(bundle.dynamic.get(i));
    }
    List<String> lazy = new ArrayList<>(bundle.modules.keySet());
    lazy.removeAll(main);
    StringBuilder first = new StringBuilder(ONCE);
    main.forEach(m -> first.append(bundle.modules.get(m)));
    first.append(variable(name)).append("();\n").append(exports(main, "$once"));
    StringBuilder second = new StringBuilder();
    if (!lazy.isEmpty()) {
      second.append("import { ").append(names(main, "$once")).append(" } from './");
      second.append(mainFile).append("';\n");
      lazy.forEach(m -> second.append(bundle.modules.get(m)));
      second.append(exports(lazy, null));
    }
    return new Scripts(first.toString(), second.toString());
  }

  /** The modules {@code entry} imports statically, itself included. */
  private static Set<String> staticClosure(String entry, UnaryOperator<String> sources) {
    Set<String> seen = new LinkedHashSet<>(List.of(entry));
    List<String> todo = new ArrayList<>(seen);
    while (!todo.isEmpty()) {
      Matcher m = IMPORT.matcher(sources.apply(todo.remove(todo.size() - 1) + ".js"));
      while (m.find()) {
        if (seen.add(m.group(3))) {
          todo.add(m.group(3));
        }
      }
    }
    return seen;
  }

  private void add(String name) {
    if (modules.containsKey(name)) {
      return;
    }
    if (!inProgress.add(name)) {
      throw new IllegalStateException("a cycle of static imports runs through " + name + ".js");
    }
    String body = replaceDynamicImports(replaceImports(sources.apply(name + ".js")));
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
  }

  /** Static imports: the imported module is added (run) first, its names read from its exports. */
  private String replaceImports(String source) {
    Matcher m = IMPORT.matcher(source);
    StringBuilder body = new StringBuilder();
    while (m.find()) {
      String dependency = m.group(3);
      add(dependency);
      String binding = m.group(2) != null ? m.group(2) : "{ " + bindings(m.group(1)) + " }";
      m.appendReplacement(
          body,
          Matcher.quoteReplacement("const " + binding + " = " + variable(dependency) + "();"));
    }
    m.appendTail(body);
    return body.toString();
  }

  /** {@code a, b as c} in an import list is {@code a, b: c} in a destructuring. */
  private static String bindings(String list) {
    List<String> names = new ArrayList<>();
    for (String part : list.split(",")) {
      String[] words = part.strip().split("\\s+as\\s+");
      if (!part.isBlank()) {
        names.add(words.length == 2 ? words[0] + ": " + words[1] : words[0]);
      }
    }
    return String.join(", ", names);
  }

  private String replaceDynamicImports(String body) {
    return DYNAMIC_IMPORT
        .matcher(body)
        .replaceAll(
            r -> {
              String target = r.group(1);
              if (eager.contains(target)) {
                return Matcher.quoteReplacement("Promise.resolve().then(" + variable(target) + ")");
              }
              dynamic.add(target);
              return Matcher.quoteReplacement(
                  "import('./" + lazyFile + "').then((m) => m." + variable(target) + "())");
            });
  }

  private static String exportedDeclaration(MatchResult r, Set<String> exported) {
    exported.add(r.group(2));
    return r.group(1);
  }

  private static String exports(List<String> modules, @Nullable String extra) {
    return "export { " + names(modules, extra) + " };\n";
  }

  private static String names(List<String> modules, @Nullable String extra) {
    List<String> names = new ArrayList<>();
    modules.forEach(m -> names.add(variable(m)));
    if (extra != null) {
      names.add(extra);
    }
    return String.join(", ", names);
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
