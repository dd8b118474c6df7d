package io.learnlytics.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A benchmark, not a test: the dashboard's cold page weight (bytes on the wire, cache disabled) and
 * first paint, on the demo history, over several loads. Skipped unless asked for:
 *
 * <pre>./mvnw -o test-compile surefire:test -Dtest=PageWeightBench -Dlearnlytics.bench=page</pre>
 */
class PageWeightBench {
  private static final int LOADS = 7;

  @TempDir Path dir;

  @Test
  void page_weight_and_first_paint() throws IOException {
    assumeTrue(
        "page".equals(System.getProperty("learnlytics.bench")),
        "run with -Dlearnlytics.bench=page");
    try (TestServer demo = TestServer.start(Files.createDirectories(dir.resolve("demo")))) {
      Fixtures.loadDemoHistory(demo.app());
      ChromeDriver driver = Chromium.start(Files.createDirectories(dir.resolve("downloads")));
      try {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        DashboardPage page = new DashboardPage(driver, demo.uri("/"));
        List<Double> paints = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        long bytes = 0;
        long api = 0;
        for (int i = 0; i < LOADS; i++) {
          page.open("");
          Map<?, ?> m = (Map<?, ?>) page.js(MEASURE);
          paints.add(((Number) m.get("paint")).doubleValue());
          ready.add(((Number) m.get("ready")).doubleValue());
          bytes = ((Number) m.get("bytes")).longValue();
          api = ((Number) m.get("api")).longValue();
        }
        System.out.println(((Map<?, ?>) page.js(MEASURE)).get("each"));
        paints.sort(null);
        ready.sort(null);
        System.out.printf(
            Locale.ROOT,
            "page weight cold: %.1f KB on the wire (%.1f KB of it API answers); first contentful"
                + " paint median %.0f ms (min %.0f, max %.0f); last API answer median %.0f ms;"
                + " %d loads%n",
            bytes / 1024.0,
            api / 1024.0,
            paints.get(LOADS / 2),
            paints.get(0),
            paints.get(LOADS - 1),
            ready.get(LOADS / 2),
            LOADS);
      } finally {
        driver.quit();
      }
    }
  }

  private static final String MEASURE =
      "const nav = performance.getEntriesByType('navigation')[0];"
          + "const res = performance.getEntriesByType('resource');"
          + "const fcp = performance.getEntriesByType('paint')"
          + ".find(p => p.name === 'first-contentful-paint');"
          + "const api = res.filter(r => r.name.includes('/api/'));"
          + "const sum = (xs) => xs.reduce((s, r) => s + r.transferSize, 0);"
          + "return {bytes: nav.transferSize + sum(res), api: sum(api),"
          + " paint: fcp ? fcp.startTime : -1,"
          + " ready: Math.max(...api.map(r => r.responseEnd)),"
          + " each: [nav, ...res].map(r => r.transferSize + ' ' + r.name.replace(location.origin, ''))"
          + ".join('\\n')};";
}
