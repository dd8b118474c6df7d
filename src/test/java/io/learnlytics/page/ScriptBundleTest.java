package io.learnlytics.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptBundleTest {
  private static String bundle(Map<String, String> files) {
    return scripts(files).main();
  }

  private static ScriptBundle.Scripts scripts(Map<String, String> files) {
    return ScriptBundle.of("app.js", "app.min.js", "app.lazy.min.js", files::get);
  }

  @Test
  void imports_become_reads_of_the_modules_they_name_which_run_first_and_once() {
    String out =
        bundle(
            Map.of(
                "app.js",
                "import { a, b as c } from './lib.js';\n"
                    + "import * as ns from './lib.js';\n"
                    + "import {\n  d,\n} from './other.js';\n"
                    + "export function main() { return a + c + ns.a + d; }\n"
                    + "main();\n",
                "lib.js",
                "export const a = 1;\nexport async function b() {}\nexport class K {}\n",
                "other.js",
                "import { a } from './lib.js';\nexport const d = a;\n"));
    assertThat(out)
        .contains("const $lib = $once(() => {\nconst a = 1;\nasync function b() {}\nclass K {}")
        .contains("return { a, b, K };")
        .contains("const { a, b: c } = $lib();")
        .contains("const ns = $lib();")
        .contains("const { d } = $other();")
        .contains("function main() {")
        .endsWith("$app();\nexport { $lib, $other, $app, $once };\n");
    assertThat(out.indexOf("const $lib")).isLessThan(out.indexOf("const $other"));
    assertThat(out.indexOf("const $other")).isLessThan(out.indexOf("const $app"));
    assertThat(out.substring(0, out.indexOf("$app();"))).doesNotContain("import ", "export ");
  }

  @Test
  void a_module_only_imported_dynamically_goes_to_the_lazy_script_which_shares_the_main_modules() {
    ScriptBundle.Scripts out =
        scripts(
            Map.of(
                "app.js",
                "import { h } from './dom.js';\n"
                    + "export function open() { return import('./view.js'); }\n"
                    + "export function again() { return import('./dom.js'); }\n",
                "dom.js",
                "export const h = 1;\n",
                "view.js",
                "import { open } from './app.js';\nimport { h } from './dom.js';\n"
                    + "import { t } from './table.js';\nexport const again = open;\n",
                "table.js",
                "export const t = 2;\n"));
    assertThat(out.main())
        .contains("return import('./app.lazy.min.js').then((m) => m.$view());")
        .contains("return Promise.resolve().then($dom);")
        .doesNotContain("const $view", "const $table");
    assertThat(out.lazy())
        .startsWith("import { $dom, $app, $once } from './app.min.js';\n")
        .contains("const $table = $once(", "const $view = $once(", "const { open } = $app();")
        .endsWith("export { $table, $view };\n");
    assertThat(out.lazy().indexOf("const $table")).isLessThan(out.lazy().indexOf("const $view"));
  }

  @Test
  void without_dynamic_imports_the_lazy_script_is_empty() {
    assertThat(scripts(Map.of("app.js", "export const a = 1;\n")).lazy()).isEmpty();
  }

  @Test
  void a_cycle_of_static_imports_is_refused() {
    assertThatThrownBy(
            () ->
                bundle(
                    Map.of(
                        "app.js", "import { b } from './b.js';\nexport const a = 1;\n",
                        "b.js", "import { a } from './app.js';\nexport const b = a;\n")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cycle")
        .hasMessageContaining("app.js");
  }

  @Test
  void forms_it_does_not_understand_are_refused_with_the_line() {
    assertThatThrownBy(() -> bundle(Map.of("app.js", "const x = 1;\nexport default x;\n")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("app.js line 2: an import or export form the bundle does not understand");
    assertThatThrownBy(
            () -> bundle(Map.of("app.js", "import Chart from 'https://cdn.example/chart.js';\n")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("app.js line 1");
    assertThatThrownBy(() -> ScriptBundle.of("app.mjs", "a", "b", f -> ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
