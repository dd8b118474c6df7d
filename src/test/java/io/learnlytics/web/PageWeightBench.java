package io.learnlytics.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A benchmark, not a test: the dashboard's cold page weight (cache disabled) and first paint, on
 * the demo history, over several loads. Skipped unless asked for:
 *
 * <pre>./mvnw -o test-compile surefire:test -Dtest=PageWeightBench -Dlearnlytics.bench=page</pre>
 *
 * <p>It reports the weight two ways. The page's own Resource Timing {@code transferSize} is the
 * body as sent plus a flat 300 bytes per response (browsers hide the real header size from pages).
 * The DevTools network log's {@code encodedDataLength} is every byte received, headers included:
 * what the wire really carries.
 */
class PageWeightBench {
  private static final int LOADS = 7;

  @TempDir Path dir;

  @Test
  void page_weight_and_first_paint() throws IOException, InterruptedException {
    assumeTrue(
        "page".equals(System.getProperty("learnlytics.bench")),
        "run with -Dlearnlytics.bench=page");
    try (TestServer demo = TestServer.start(Files.createDirectories(dir.resolve("demo")))) {
      Fixtures.loadDemoHistory(demo.app());
      ChromeDriver driver = Chromium.start(Files.createDirectories(dir.resolve("downloads")), true);
      try {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        DashboardPage page = new DashboardPage(driver, demo.uri("/"));
        List<Double> paints = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        Map<?, ?> last = Map.of();
        Map<String, Long> received = Map.of();
        for (int i = 0; i < LOADS; i++) {
          driver.manage().logs().get(LogType.PERFORMANCE); // drops the previous load's events
          page.open("");
          Thread.sleep(1000); // the panels' last answers, which may land after "ready"
          last = (Map<?, ?>) page.js(MEASURE);
          received = received(driver, demo.uri("/").toString());
          paints.add(((Number) last.get("paint")).doubleValue());
          ready.add(((Number) last.get("ready")).doubleValue());
        }
        System.out.println("transferSize, path:\n" + last.get("each"));
        received.forEach((path, n) -> System.out.println(n + " received " + path));
        report(last, received, paints, ready);
      } finally {
        driver.quit();
      }
    }
  }

  /** Bytes received per path (headers included), from the DevTools network events of one load. */
  private static Map<String, Long> received(ChromeDriver driver, String origin) throws IOException {
    Map<String, String> urls = new HashMap<>();
    Map<String, Long> bytes = new TreeMap<>();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode m = Json.MAPPER.readTree(e.getMessage()).path("message");
      JsonNode p = m.path("params");
      switch (m.path("method").asText()) {
        case "Network.requestWillBeSent" ->
            urls.put(p.path("requestId").asText(), p.at("/request/url").asText());
        case "Network.loadingFinished" -> {
          String url = urls.getOrDefault(p.path("requestId").asText(), "?");
          bytes.merge(
              "/" + url.replace(origin, ""), p.path("encodedDataLength").asLong(), Long::sum);
        }
        default -> {}
      }
    }
    return bytes;
  }

  private static void report(
      Map<?, ?> last, Map<String, Long> received, List<Double> paints, List<Double> ready) {
    paints.sort(null);
    ready.sort(null);
    long all = received.values().stream().mapToLong(Long::longValue).sum();
    long api =
        received.entrySet().stream()
            .filter(e -> e.getKey().contains("/api/"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    System.out.printf(
        Locale.ROOT,
        "page weight cold: %.1f KB by transferSize (%.1f KB of it API answers); %.1f KB really"
            + " received in %d responses (%.1f KB of it API answers); first contentful paint median"
            + " %.0f ms (min %.0f, max %.0f); last API answer median %.0f ms; %d loads%n",
        ((Number) last.get("bytes")).longValue() / 1024.0,
        ((Number) last.get("api")).longValue() / 1024.0,
        all / 1024.0,
        received.size(),
        api / 1024.0,
        paints.get(LOADS / 2),
        paints.get(0),
        paints.get(LOADS - 1),
        ready.get(LOADS / 2),
        LOADS);
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
