package io.learnlytics.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's script and style sheet as served: complete, minified, revalidated by ETag. */
class PageAssetsTest {
  private static final Path JS = Path.of("src/main/resources/public/js");

  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_loads_the_bundle_and_the_minified_style_sheet() {
    String html = server.get("/").body();
    assertThat(html)
        .contains("<script type=\"module\" src=\"/js/app.min.js\"></script>")
        .contains("<link rel=\"stylesheet\" href=\"/css/dashboard.min.css\">")
        .doesNotContain("src=\"/js/app.js\"");
  }

  /**
   * Every module but the boot script (a classic script run before the page paints) is in one of the
   * two scripts: the reports, the year and the topic view in the one loaded when first opened.
   */
  @Test
  void the_two_scripts_hold_every_module_of_the_page_once() throws IOException {
    TestServer.Response main = server.get(PageAssets.SCRIPT);
    TestServer.Response lazy = server.get(PageAssets.LAZY_SCRIPT);
    for (TestServer.Response r : List.of(main, lazy)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().headers().firstValue("Content-Type"))
          .hasValue("text/javascript; charset=utf-8");
      assertThat(r.body()).as("comments are gone").doesNotContainPattern("(?m)^(//|/\\*)");
    }
    List<String> modules;
    try (Stream<Path> files = Files.list(JS)) {
      modules =
          files
              .map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".js") && !f.equals("theme-boot.js"))
              .map(f -> f.substring(0, f.length() - 3))
              .toList();
    }
    assertThat(modules).hasSizeGreaterThan(20);
    List<String> opened = List.of("year", "topicview", "month", "breakdown");
    for (String module : modules) {
      String declaration = "const $" + module + " = $once(() => {\n";
      boolean later = opened.contains(module);
      assertThat(later ? lazy.body() : main.body()).as(module).contains(declaration);
      assertThat(later ? main.body() : lazy.body()).as(module).doesNotContain(declaration);
    }
    assertThat(main.body()).containsPattern("(?m)^\\$app\\(\\);\nexport \\{ .*\\$once \\};\n$");
    assertThat(lazy.body()).startsWith("import { $").contains(" } from './app.min.js';\n");
  }

  @Test
  void the_style_sheet_is_the_one_in_the_sources_without_comments() throws IOException {
    TestServer.Response r = server.get(PageAssets.STYLE);
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    String source;
    try (InputStream in = PageAssets.class.getResourceAsStream("/public/css/dashboard.css")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(r.body()).doesNotContain("/*").contains(".chart-box canvas {\n");
    assertThat(r.body().length()).isLessThan(source.length() * 9 / 10);
    assertThat(r.body().replaceAll("\\s", ""))
        .isEqualTo(source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\\s", ""));
  }

  @Test
  void both_are_revalidated_by_etag_and_sent_gzipped_to_a_browser() {
    for (String path : List.of(PageAssets.SCRIPT, PageAssets.LAZY_SCRIPT, PageAssets.STYLE)) {
      TestServer.Response first = server.get(path);
      String etag = first.raw().headers().firstValue("ETag").orElseThrow();
      assertThat(first.raw().headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      TestServer.Response again =
          server.send(HttpRequest.newBuilder(server.uri(path)).header("If-None-Match", etag));
      assertThat(again.status()).as(path).isEqualTo(304);
      assertThat(again.body()).as(path).isEmpty();
      TestServer.Response gzipped =
          server.send(HttpRequest.newBuilder(server.uri(path)).header("Accept-Encoding", "gzip"));
      assertThat(gzipped.raw().headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
    }
  }
}
