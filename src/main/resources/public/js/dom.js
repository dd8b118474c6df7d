// Small DOM helpers. Text from the API always goes in through textContent, never innerHTML.

/** Creates an element: h('p', {class: 'x', onclick: fn}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    else if (key === 'style') el.style.cssText = value;
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const byId = (id) => document.getElementById(id);

/** A definition-list row: <div><dt>term</dt><dd>value</dd></div>. */
export function dlRow(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

function cellClass(c) {
  return [c.num ? 'num' : null, c.cls].filter(Boolean).join(' ') || null;
}

/** A simple table; columns: [{label, num?, cls?, cell: (row) => node|string}]. */
export function table(columns, rows, caption) {
  return h(
    'table',
    {},
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: cellClass(c) }, c.label)))),
    h(
      'tbody',
      {},
      rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: cellClass(c) }, c.cell(r)))))
    )
  );
}

let toastTimer = null;

/** Shows a short message in the polite live region (visible for a few seconds). */
export function toast(message) {
  const el = byId('toast');
  el.textContent = message;
  el.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('visible'), 4000);
}
