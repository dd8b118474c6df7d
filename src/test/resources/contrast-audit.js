// Contrast audit run in the page by DashboardThemeBrowserTest: every visible text element's colour
// against the colour actually behind it (WCAG 4.5:1), and every chart line against the panel (3:1).
const parse = (c) => {
  const m = /rgba?\(([^)]+)\)/.exec(c);
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const lum = ([r, g, b]) => {
  const f = (v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const ratio = (a, b) => { const [h, l] = [lum(a), lum(b)].sort((x, y) => y - x); return (h + 0.05) / (l + 0.05); };
const over = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3]));
/** The opaque colour behind el: its and its ancestors' backgrounds, composited; null over an image. */
function behind(el) {
  const layers = [];
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.backgroundImage !== 'none') return null;
    const c = parse(s.backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let color = [255, 255, 255];
  for (const c of layers.reverse()) color = over(c, color);
  return color;
}
const failures = [];
let checked = 0;
for (const el of document.querySelectorAll('body *')) {
  if (['SCRIPT', 'STYLE', 'OPTION', 'CANVAS', 'svg', 'title'].includes(el.tagName)) continue;
  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  if (r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || el.closest('[hidden]')) continue;
  const bg = behind(el);
  const fg = parse(s.color);
  if (!bg || !fg) continue;
  checked++;
  const c = ratio(over(fg, bg), bg);
  if (c < 4.5) failures.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} "${el.textContent.trim().slice(0, 30)}": ${c.toFixed(2)}`);
}
const surface = parse(getComputedStyle(document.querySelector('.panel')).backgroundColor);
const toRgb = (c) => { const x = document.createElement('div'); x.style.color = c; document.body.append(x); const v = parse(getComputedStyle(x).color); x.remove(); return v; };
for (const chart of Object.values(window.Chart.instances)) {
  for (const ds of chart.data.datasets) {
    const kind = ds.type ?? chart.config.type;
    if (kind === 'doughnut' || kind === 'pie') continue;
    const colors = [].concat(kind === 'bar' ? ds.backgroundColor : ds.borderColor);
    for (const c of colors) {
      const rgb = typeof c === 'string' ? toRgb(c) : null;
      if (!rgb || rgb[3] < 0.5) continue;
      checked++;
      const v = ratio(rgb, surface);
      if (v < 3) failures.push(`chart ${chart.canvas.id} "${ds.label}": ${v.toFixed(2)}`);
    }
  }
}
return { checked, failures };
