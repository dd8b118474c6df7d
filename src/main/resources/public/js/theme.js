// Light and dark themes. The page follows the system's preference (prefers-color-scheme) until the
// learner picks one with the toggle; the choice is kept in localStorage. Colours live in CSS
// variables; the charts take theirs from the same variables, and every series colour (the API's
// Chart.js colours included) is lightened or darkened until it reaches 3:1 against the panel, so a
// line stays visible in both themes (WCAG 1.4.11).

const KEY = 'learnlytics.theme';
const MIN_LINE_CONTRAST = 3;
const system = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = [];

/** 'dark' or 'light': the learner's choice, else the system's. */
export function theme() {
  const chosen = stored();
  if (chosen === 'dark' || chosen === 'light') return chosen;
  return system.matches ? 'dark' : 'light';
}

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Runs fn after the theme changes (to recolour charts). */
export function onThemeChange(fn) {
  listeners.push(fn);
}

/** Sets the theme on <html> and wires the toggle button; call once at start. */
export function setupTheme(button) {
  apply();
  system.addEventListener('change', () => {
    if (!stored()) apply();
  });
  button?.addEventListener('click', () => {
    const next = theme() === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    apply(next);
  });
}

function apply(forced) {
  const t = forced ?? theme();
  document.documentElement.dataset.theme = t;
  const button = document.getElementById('theme-toggle');
  if (button) {
    button.setAttribute('aria-pressed', String(t === 'dark'));
    button.querySelector('.theme-label').textContent = t === 'dark' ? 'Light mode' : 'Dark mode';
  }
  listeners.forEach((fn) => fn(t));
}

/** A CSS variable of the current theme, e.g. cssVar('--surface') → '#111827'. */
export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** [r, g, b, a] of '#rgb', '#rrggbb' or 'rgb(a)(…)'; null for anything else (gradients, names). */
export function parseColor(c) {
  if (typeof c !== 'string') return null;
  const s = c.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [...m[1]].map((x) => parseInt(x + x, 16)).concat(1);
  m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(s);
  if (m) {
    const a = m[4] == null ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  }
  return null;
}

/** WCAG relative luminance of [r, g, b]. */
export function luminance([r, g, b]) {
  const lin = (v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two opaque colours (1 to 21). */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * {@code color} mixed toward white (on a dark background) or black (on a light one) in small steps
 * until it has {@code min}:1 against {@code background}; its alpha is kept. Unparsable colours are
 * returned as they are.
 */
export function withContrast(color, background, min = MIN_LINE_CONTRAST) {
  const c = parseColor(color);
  const bg = parseColor(background);
  if (!c || !bg) return color;
  const target = luminance(bg) < 0.5 ? 255 : 0;
  let rgb = c.slice(0, 3);
  for (let step = 0; step < 20 && contrast(rgb, bg) < min; step++) {
    rgb = rgb.map((v) => Math.round(v + (target - v) * 0.1));
  }
  return c[3] === 1 ? `rgb(${rgb.join(', ')})` : `rgba(${rgb.join(', ')}, ${c[3]})`;
}
