package io.learnlytics.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinifyTest {
  @Test
  void whole_line_comments_indentation_and_blank_lines_go_strings_and_line_breaks_stay() {
    String js =
        "// header\n"
            + "/**\n * Doc.\n */\n"
            + "function f() {\n"
            + "  /* one line */\n"
            + "  const url = 'http://example.com/*x*/'; // kept\n"
            + "\n"
            + "  return `a ${url} b`\n"
            + "}\n";
    assertThat(Minify.script(js, "f.js"))
        .isEqualTo(
            "function f() {\nconst url = 'http://example.com/*x*/'; // kept\nreturn `a ${url} b`\n}\n");
  }

  @Test
  void a_template_literal_across_lines_or_code_after_a_comment_is_refused() {
    assertThatThrownBy(() -> Minify.script("const s = `a\n  b`;\n", "t.js"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("t.js line 1: a template literal spans lines");
    assertThatThrownBy(() -> Minify.script("/* a */ const b = 1;\n", "c.js"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("c.js line 1: code after a comment");
  }

  @Test
  void style_sheets_lose_every_comment() {
    String css =
        "/* colours */\n:root {\n  --a: #fff; /* white */\n}\n\n.b {\n  color: var(--a);\n}\n";
    assertThat(Minify.style(css, "d.css"))
        .isEqualTo(":root {\n--a: #fff;\n}\n.b {\ncolor: var(--a);\n}\n");
  }
}
