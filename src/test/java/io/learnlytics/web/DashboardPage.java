package io.learnlytics.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page as the tests drive it. The page reports its state on {@code <html>}: {@code
 * data-state} (loading, ready, empty, error), {@code data-period} and {@code data-loads} (counts
 * finished loads, so a test can wait for the load its click started).
 */
final class DashboardPage {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /**
   * The shown canvases (and the window) not yet at the width a resize asked for, as JSON. A canvas
   * in a closed {@code <details>} is laid out but not shown, and gets its chart only when opened.
   */
  private static final String CANVASES_OFF_WIDTH =
      "const off = [...document.querySelectorAll('canvas')].filter(c => c.checkVisibility())"
          + ".map(c => ({id: c.id, canvas: c.getBoundingClientRect().width,"
          + " box: c.parentElement.clientWidth}))"
          + ".filter(c => Math.abs(c.canvas - c.box) >= 2);"
          + "if (window.innerWidth !== arguments[0]) off.push({window: window.innerWidth});"
          + "return JSON.stringify(off);";

  private final ChromeDriver driver;
  private final URI base;

  DashboardPage(ChromeDriver driver, URI base) {
    this.driver = driver;
    this.base = base;
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens the page (with an optional query such as {@code ?period=7d}) and waits until loaded. */
  DashboardPage open(String query) {
    driver.get(base.resolve("/" + query).toString());
    waitUntil(() -> loads() > 0 && !"loading".equals(state()));
    return this;
  }

  String state() {
    return (String) js("return document.documentElement.dataset.state");
  }

  int loads() {
    Object n = js("return document.documentElement.dataset.loads");
    return n == null ? 0 : Integer.parseInt((String) n);
  }

  /** Clicks a period and waits until the load it started has finished. */
  void choosePeriod(String period) {
    int before = loads();
    driver.findElement(By.cssSelector("label[for='period-" + period + "']")).click();
    waitUntil(() -> loads() > before && "ready".equals(state()));
  }

  /** What a chart shows: Chart.js's label count, non-null data points, and painted pixels. */
  ChartState chart(String canvasId) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>)
            js(
                "const c = document.getElementById(arguments[0]);"
                    + "const chart = Chart.getChart(c);"
                    + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let painted = 0;"
                    + "for (let i = 3; i < px.length; i += 4) if (px[i] > 0) painted++;"
                    + "return {labels: chart ? chart.data.labels.length : -1,"
                    + " points: chart ? chart.data.datasets.reduce("
                    + "(n, d) => n + d.data.filter(v => v != null).length, 0) : 0,"
                    + " painted: painted, area: c.width * c.height};",
                canvasId);
    return new ChartState(
        ((Number) m.get("labels")).intValue(),
        ((Number) m.get("points")).intValue(),
        ((Number) m.get("painted")).longValue(),
        ((Number) m.get("area")).longValue());
  }

  record ChartState(int labels, int points, long painted, long area) {}

  /** The chart's data as drawn (labels and every dataset), to tell one answer from another. */
  String chartData(String canvasId) {
    return (String)
        js(
            "const chart = Chart.getChart(document.getElementById(arguments[0]));"
                + "return JSON.stringify([chart.data.labels,"
                + " chart.data.datasets.map(d => d.data)]);",
            canvasId);
  }

  /** A fingerprint of the canvas pixels: changes when the chart is drawn differently. */
  String pixels(String canvasId) {
    return (String)
        js(
            "const c = document.getElementById(arguments[0]);"
                + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 0; for (let i = 0; i < px.length; i += 7) h = (h * 31 + px[i]) | 0;"
                + "return String(h);",
            canvasId);
  }

  /** How many elements the chart's tooltip shows now (0 when none). */
  long tooltipItems(String canvasId) {
    return ((Number)
            js(
                "const chart = Chart.getChart(document.getElementById(arguments[0]));"
                    + "return chart.tooltip ? chart.tooltip.getActiveElements().length : 0;",
                canvasId))
        .longValue();
  }

  /**
   * Moves the mouse onto a drawn element of a chart (the middle bar, point or doughnut slice of its
   * first dataset), as a learner pointing at it; other elements are hovered as they are.
   */
  void hover(String canvasId) {
    WebElement target = find("#" + canvasId);
    centre(target);
    int[] at = target.getTagName().equals("canvas") ? elementOffset(canvasId) : new int[] {0, 0};
    new org.openqa.selenium.interactions.Actions(driver)
        .moveToElement(target, at[0] + 3, at[1])
        .pause(Duration.ofMillis(100))
        .moveToElement(target, at[0], at[1])
        .perform();
  }

  /**
   * Scrolls an element to the middle of the viewport: pointer offsets count from the centre of its
   * visible part, which is its true centre only when all of it is in view.
   */
  private void centre(WebElement e) {
    js("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", e);
  }

  /** Where the middle element of a chart's first dataset is, from the canvas centre, in CSS px. */
  private int[] elementOffset(String canvasId) {
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            js(
                "const c = document.getElementById(arguments[0]);"
                    + "const chart = Chart.getChart(c);"
                    + "const els = chart.getDatasetMeta(0).data;"
                    + "const p = els[Math.floor(els.length / 2)].tooltipPosition();"
                    + "const r = c.getBoundingClientRect();"
                    + "return [Math.round(p.x - r.width / 2), Math.round(p.y - r.height / 2)];",
                canvasId);
    return new int[] {xy.get(0).intValue(), xy.get(1).intValue()};
  }

  /** Taps a drawn element of a chart with a finger (a touch pointer, as on a phone). */
  void tap(String canvasId) {
    WebElement canvas = find("#" + canvasId);
    centre(canvas);
    int[] at = elementOffset(canvasId);
    org.openqa.selenium.interactions.PointerInput finger =
        new org.openqa.selenium.interactions.PointerInput(
            org.openqa.selenium.interactions.PointerInput.Kind.TOUCH, "finger");
    org.openqa.selenium.interactions.Sequence tap =
        new org.openqa.selenium.interactions.Sequence(finger, 0)
            .addAction(
                finger.createPointerMove(
                    Duration.ZERO,
                    org.openqa.selenium.interactions.PointerInput.Origin.fromElement(canvas),
                    at[0],
                    at[1]))
            .addAction(
                finger.createPointerDown(
                    org.openqa.selenium.interactions.PointerInput.MouseButton.LEFT.asArg()))
            .addAction(
                finger.createPointerUp(
                    org.openqa.selenium.interactions.PointerInput.MouseButton.LEFT.asArg()));
    driver.perform(List.of(tap));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String css) {
    return find(css).getText();
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  void waitUntil(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, TIMEOUT).until(d -> condition.getAsBoolean());
  }

  /**
   * Browser console errors (uncaught exceptions, console.error, failed loads) since the last call.
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Emulates a device of this size until {@link #screenshot} clears it. */
  void emulate(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /**
   * Saves a full-page PNG at a device width ({@code mobile} also emulates a phone viewport), after
   * the charts have resized to it; returns the page's scroll width at that size.
   */
  long screenshot(Path file, int width, int height, boolean mobile) {
    emulate(width, height, mobile);
    new WebDriverWait(driver, TIMEOUT)
        .withMessage(() -> "charts still not at the new width: " + js(CANVASES_OFF_WIDTH, width))
        .until(d -> "[]".equals(js(CANVASES_OFF_WIDTH, width)));
    long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
    long fullHeight = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", fullHeight, "scale", 1)));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    return scrollWidth;
  }
}
