// Chart.js set-up shared by the charts (Chart is the global from the webjar's UMD bundle).

import { cssVar, onThemeChange, parseColor, withContrast } from './theme.js';

const Chart = window.Chart;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.font.size = 12;
// Only the duration: replacing Chart.defaults.animation as a whole drops the easing and the
// animator's functions, and the first hover then throws "this._fn is not a function".
Chart.defaults.animation.duration = reducedMotion ? 0 : 450;
Chart.defaults.plugins.legend.labels.usePointStyle = true;
Chart.defaults.plugins.legend.labels.boxHeight = 8;
Chart.defaults.plugins.tooltip.padding = 10;
Chart.defaults.maintainAspectRatio = false;

/** Axis text, grid and tooltip colours from the theme's CSS variables. */
function themeDefaults() {
  Chart.defaults.color = cssVar('--muted');
  Chart.defaults.borderColor = cssVar('--border');
  Chart.defaults.plugins.tooltip.backgroundColor = cssVar('--tooltip');
}
themeDefaults();

// A theme change recolours every chart on the page from the colours it was given.
onThemeChange(() => {
  themeDefaults();
  for (const chart of Object.values(Chart.instances)) {
    recolor(chart.config.data, chart.config.type);
    chart.update('none');
  }
});

const given = new WeakMap(); // dataset -> the colours and chart type it came with

/** A border colour that means "the panel's colour" in either theme (doughnut separators). */
export const SURFACE = 'surface';

/**
 * Lines, points and bars reach 3:1 against the panel in the current theme. Translucent area fills
 * are left as they are (the line above them carries the contrast), and so are doughnut segments,
 * which the legend and table name.
 */
function recolor(data, type) {
  const surface = cssVar('--surface');
  const fix = (c) => (c === SURFACE ? surface : withContrast(c, surface));
  const fixSolid = (c) => ((parseColor(c)?.[3] ?? 0) >= 0.5 ? fix(c) : c);
  const each = (c, f) => (Array.isArray(c) ? c.map(f) : c == null ? c : f(c));
  for (const ds of data?.datasets ?? []) {
    if (!given.has(ds)) {
      const kind = ds.type ?? type;
      given.set(ds, { kind, border: ds.borderColor, background: ds.backgroundColor, point: ds.pointBackgroundColor });
    }
    const g = given.get(ds);
    const round = g.kind === 'doughnut' || g.kind === 'pie';
    ds.borderColor = round ? each(g.border, (c) => (c === SURFACE ? surface : c)) : each(g.border, fix);
    if (g.kind === 'bar') ds.backgroundColor = each(g.background, fixSolid);
    if (g.point != null) ds.pointBackgroundColor = each(g.point, fix);
  }
}

/** Creates the chart on first use, then swaps its data and options and redraws. */
export function draw(canvas, config) {
  recolor(config.data, config.type);
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

/** The left axis of a chart of sessions and answer quality: whole sessions from zero. */
export function sessionsAxis(text) {
  return { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text } };
}

/** Its right axis: answer quality in percent, up to 100 % and from 0 unless {@code from} says. */
export function qualityAxis(from = { min: 0 }) {
  return {
    type: 'linear',
    position: 'right',
    ...from,
    max: 1,
    grid: { drawOnChartArea: false },
    ticks: { callback: (v) => `${Math.round(v * 100)}%` },
    title: { display: true, text: 'Answer quality' },
  };
}

/** Fewer point markers on long series. */
export function pointRadius(count) {
  if (count > 120) return 0;
  if (count > 45) return 1.5;
  return 3;
}
