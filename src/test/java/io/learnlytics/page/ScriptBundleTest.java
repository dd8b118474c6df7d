package io.learnlytics.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptBundleTest {
  private static String bundle(Map<String, String> files) {
    return ScriptBundle.of("app.js", files::get);
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
        .endsWith("$app();\n");
    assertThat(out.indexOf("const $lib")).isLessThan(out.indexOf("const $other"));
    assertThat(out.indexOf("const $other")).isLessThan(out.indexOf("const $app"));
    assertThat(out).doesNotContain("import ", "export ");
  }

  @Test
  void a_dynamic_import_is_a_promise_of_a_module_run_only_then_and_may_import_back() {
    String out =
        bundle(
            Map.of(
                "app.js",
                "export function open() { return import('./view.js'); }\n",
                "view.js",
                "import { open } from './app.js';\nexport const again = open;\n"));
    assertThat(out)
        .contains("return Promise.resolve().then($view);")
        .contains("const { open } = $app();")
        .contains("const $view = $once(");
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
    assertThatThrownBy(() -> ScriptBundle.of("app.mjs", f -> ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
