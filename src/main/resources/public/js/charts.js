// Chart.js set-up shared by the charts (Chart is the global from the webjar's UMD bundle).

const Chart = window.Chart;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.font.size = 12;
Chart.defaults.color = '#475569';
Chart.defaults.borderColor = '#e2e8f0';
// Only the duration: replacing Chart.defaults.animation as a whole drops the easing and the
// animator's functions, and the first hover then throws "this._fn is not a function".
Chart.defaults.animation.duration = reducedMotion ? 0 : 450;
Chart.defaults.plugins.legend.labels.usePointStyle = true;
Chart.defaults.plugins.legend.labels.boxHeight = 8;
Chart.defaults.plugins.tooltip.backgroundColor = '#0f172a';
Chart.defaults.plugins.tooltip.padding = 10;
Chart.defaults.maintainAspectRatio = false;

/** Creates the chart on first use, then swaps its data and options and redraws. */
export function draw(canvas, config) {
  const existing = Chart.getChart(canvas);
  if (existing && existing.config.type === config.type) {
    existing.data = config.data;
    existing.options = config.options;
    existing.update();
    return existing;
  }
  existing?.destroy();
  return new Chart(canvas, config);
}

/** '#4F46E5' + alpha → 'rgba(79, 70, 229, a)'. */
export function alpha(hex, a) {
  const n = parseInt(hex.replace('#', ''), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Fewer point markers on long series. */
export function pointRadius(count) {
  if (count > 120) return 0;
  if (count > 45) return 1.5;
  return 3;
}
