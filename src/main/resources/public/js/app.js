// Learnlytics dashboard: wires the period selector, loads every section from the public API, and
// keeps loading, error, empty and token states. The choices it offers (periods, trend metrics and
// windows, export formats, goal fields) are the API's own, from GET /api/meta (contract.js), fetched
// alongside the health check. No build step: plain ES modules, which the server joins into one
// script when it starts (io.learnlytics.page.ScriptBundle).

import { ANOMALY_METRICS, markAnomalies } from './anomalies.js';
import * as api from './api.js';
import { contract, load as loadContract } from './contract.js';
import { byId, fill, h, toast } from './dom.js';
import { dateTime, relative, setZone } from './format.js';
import { renderGoals, onGoalsChanged } from './goals.js';
import { renderStreakWhy, onStreakChanged } from './streak.js';
import { setupGoalForm } from './goalform.js';
import { renderHeatmap } from './heatmap.js';
import { icon } from './icons.js';
import { markSeen, renderInsights, setupInsights } from './insights.js';
import { renderOverview } from './overview.js';
import { renderProgress } from './progress.js';
import { renderRhythm } from './rhythm.js';
import { refreshTopic, setupTopicDetail, showFromUrl } from './topicdetail.js';
import { renderTopics } from './topics.js';
import { renderMastery } from './mastery.js';
import { renderTodayGoal, renderTodayNext, renderTodayStreak, todayUnavailable } from './today.js';
import { renderTrend } from './trend.js';
import { setupTheme } from './theme.js';

/** The period the year in review is shown for (year.js keeps the same). */
const YEAR_PERIOD = '365d';
const EMPTY_RECHECK_MS = 10000;
/**
 * How often the page checks that the server still answers, and the longest wait between retries
 * once it does not. A session may shorten it (the browser tests do) with
 * sessionStorage['learnlytics.heartbeatMs'].
 */
const HEARTBEAT_MS = Number(sessionStorage.getItem('learnlytics.heartbeatMs')) || 60000;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000, 60000].map((ms) => Math.min(ms, HEARTBEAT_MS));
const root = document.documentElement;

const state = {
  period: null, // the contract's default until the contract is loaded and the URL read
  seq: 0,
  loads: 0,
  trendMetric: null,
  trendWindow: 'auto',
  highlightGoal: null,
  emptyTimer: null,
  meta: null,
  lostSince: null,
  retries: 0,
  retryTimer: null,
};

const SECTIONS = {
  overview: {
    panels: ['overview'],
    periodic: true,
    url: (p) => `/api/analytics/overview?${api.qs({ period: p })}`,
    render: (a, p) => {
      setZone(a.meta.timezone);
      renderOverview(a, p);
      renderMeta(a.meta);
    },
  },
  progress: {
    panels: ['progress'],
    periodic: true,
    url: (p) => `/api/analytics/progress?${api.qs({ period: p, metrics: 'sessions,quality' })}`,
    render: (a, p) => {
      renderProgress(a);
      if (a.meta.granularity === 'daily') {
        markUnusualDays('progress', p, 'sessions', 'y-sessions', a.dates);
        markUnusualDays('progress', p, 'quality', 'y-quality', a.dates);
      }
    },
  },
  trend: {
    panels: ['trend'],
    periodic: true,
    url: (p) => {
      const window = state.trendWindow === 'auto' ? contract().autoWindow(p) : state.trendWindow;
      return `/api/analytics/trends?${api.qs({ period: p, metric: state.trendMetric, window })}`;
    },
    render: (a, p) => {
      renderTrend(a);
      if (ANOMALY_METRICS.includes(a.metric)) markUnusualDays('trend', p, a.metric, null, a.dates);
    },
  },
  topics: {
    panels: ['topics', 'mastery'],
    periodic: true,
    url: (p) => `/api/analytics/topics?${api.qs({ period: p, limit: 8 })}`,
    render: (a) => {
      renderTopics(a);
      renderMastery(a);
      renderTodayNext(a);
    },
  },
  rhythm: {
    panels: ['rhythm'],
    periodic: true,
    url: (p) => `/api/analytics/rhythm?${api.qs({ period: p })}`,
    render: renderRhythm,
  },
  year: {
    panels: ['year'],
    periodic: true,
    shownFor: (p) => p === YEAR_PERIOD,
    url: () => '/api/analytics/year',
    // loaded with the first 365-day view, not with the page
    render: async (answer, period) => (await import('./year.js')).renderYear(answer, period),
  },
  calendar: {
    panels: ['calendar'],
    url: () =>
      `/api/analytics/progress?${api.qs({ period: contract().longestPeriod(), metrics: 'sessions', granularity: 'daily' })}`,
    render: renderHeatmap,
  },
  insights: {
    panels: ['insights'],
    url: () => '/api/analytics/insights?limit=20',
    render: renderInsights,
  },
  streak: {
    panels: ['streak-why'],
    url: () => '/api/analytics/streak',
    render: (a) => {
      renderStreakWhy(a);
      renderTodayStreak(a);
    },
  },
  goals: {
    panels: ['goals', 'streak'],
    url: () => '/api/analytics/goals',
    render: (a) => {
      renderGoals(a, state.highlightGoal);
      renderTodayGoal(a);
      state.highlightGoal = null;
    },
  },
};
for (const s of Object.values(SECTIONS)) s.seq = 0;

// ---------- sections ----------

/**
 * Marks the flagged days of {@code metric} on the chart a section has just drawn; skipped when the
 * section was redrawn meanwhile. The marks are extra: a failure leaves the chart as it is.
 */
async function markUnusualDays(name, period, metric, yAxisID, dates) {
  const sec = SECTIONS[name];
  const drawn = sec.seq;
  try {
    const answer = await unusualDays(period, metric);
    if (drawn !== sec.seq) return;
    markAnomalies(byId(`${name}-chart`), dates, answer.anomalies, yAxisID);
  } catch (e) {
    if (!(e instanceof api.ApiError)) console.error(`Learnlytics: unusual days of ${metric} failed`, e);
  }
}

// One request per period and metric while a load is in flight: the progress and trend charts both
// mark quality's unusual days.
const unusualAnswers = new Map();

function unusualDays(period, metric) {
  const key = `${period} ${metric}`;
  if (!unusualAnswers.has(key)) {
    const answer = api.get(`/api/analytics/anomalies?${api.qs({ period, metric })}`);
    unusualAnswers.set(key, answer);
    answer.finally(() => setTimeout(() => unusualAnswers.delete(key), 2000)).catch(() => {});
  }
  return unusualAnswers.get(key);
}

/** Loads one section; resolves to null on success or the error (already shown in the section). */
async function loadSection(name) {
  const sec = SECTIONS[name];
  const mine = ++sec.seq;
  const period = state.period;
  const panels = sec.panels.map(byId);
  if (sec.shownFor && !sec.shownFor(period)) {
    panels.forEach((p) => {
      p.hidden = true; // not fetched for periods it is not shown for
      clearSectionError(p);
    });
    return null;
  }
  panels.forEach((p) => {
    p.classList.add('is-loading');
    p.setAttribute('aria-busy', 'true');
  });
  try {
    const answer = await api.get(sec.url(period));
    if (mine !== sec.seq) return null;
    await sec.render(answer, period);
    sec.shown = { period, at: new Date() };
    panels.forEach(clearSectionError);
    return null;
  } catch (e) {
    if (mine !== sec.seq) return null;
    if (!(e instanceof api.ApiError)) console.error(`Learnlytics: the ${name} section failed`, e);
    panels.forEach((p) => showSectionError(p, e, () => loadSection(name), sec, period));
    todayUnavailable(name);
    return e;
  } finally {
    if (mine === sec.seq) {
      panels.forEach((p) => {
        p.classList.remove('is-loading');
        p.removeAttribute('aria-busy');
      });
    }
  }
}

/**
 * Marks a panel whose last load failed: what it still shows is stale, and it says which period and
 * time that is, so old numbers never pass for the new selection.
 */
function showSectionError(panel, e, retry, sec, period) {
  panel.classList.add('is-stale');
  const box = panel.querySelector('.section-error');
  if (!box) return;
  const message = e instanceof api.ApiError ? e.message : 'Something went wrong while drawing this part of the page.';
  const text = contract().periodText;
  const what = sec.periodic ? `${text(period)} could not be loaded` : 'This section could not be loaded';
  const shown = sec.shown
    ? ` What you see is ${sec.periodic ? `${text(sec.shown.period)}, ` : ''}as loaded ${relative(sec.shown.at.toISOString())}.`
    : '';
  fill(box, h('p', {}, `${what}: ${message}.${shown}`), h('button', { type: 'button', class: 'btn btn-secondary btn-small', onclick: retry }, 'Try again'));
  box.hidden = false;
}

function clearSectionError(panel) {
  panel.classList.remove('is-stale');
  const box = panel.querySelector('.section-error');
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}

// ---------- whole page ----------

function setState(value) {
  root.dataset.state = value;
  root.dataset.period = state.period ?? '';
  if (value !== 'loading') root.dataset.loads = String(++state.loads);
}

/**
 * Loads everything: health (for the empty state) and the contract side by side, the overview (for
 * the zone), then the rest.
 */
async function loadAll() {
  const mine = ++state.seq;
  clearTimeout(state.emptyTimer);
  setState('loading');
  const contractAnswer = contractReady();
  contractAnswer.catch(() => {}); // answered below, once health says there is something to show
  let health;
  try {
    health = await api.health();
  } catch (e) {
    if (mine !== state.seq) return false;
    lostContact(e);
    setState('error');
    return false;
  }
  if (mine !== state.seq) return false;
  backInContact();
  byId('footer-version').textContent = `Learnlytics ${health.version ?? ''}`.trim();
  if (!health.counts || health.counts.exchanges === 0) {
    await showEmpty();
    if (mine !== state.seq) return false;
    setState('empty');
    state.emptyTimer = setTimeout(() => root.dataset.state === 'empty' && loadAll(), EMPTY_RECHECK_MS);
    return true;
  }
  byId('empty-state').hidden = true;
  try {
    await contractAnswer;
  } catch (e) {
    return mine === state.seq && finish([e]);
  }
  if (mine !== state.seq) return false;
  const first = await loadSection('overview');
  const rest = await Promise.all(Object.keys(SECTIONS).filter((n) => n !== 'overview').map(loadSection));
  if (mine !== state.seq) return false;
  return finish([first, ...rest]);
}

/** Reloads the sections that depend on the period. */
async function loadPeriod(announce) {
  if (root.dataset.state === 'empty' || (root.dataset.state === 'error' && !state.meta)) return loadAll();
  const mine = ++state.seq;
  setState('loading');
  const names = Object.keys(SECTIONS).filter((n) => SECTIONS[n].periodic);
  const errors = await Promise.all(names.map(loadSection));
  if (mine !== state.seq) return;
  const ok = finish(errors);
  if (announce) {
    const text = contract().periodText(state.period);
    toast(ok ? `Showing ${text}` : `Some panels could not load ${text}: they are marked, and retried`);
  }
}

/** Settles the page after a load; true when every section loaded. Failed ones are retried. */
function finish(errors) {
  const failed = errors.filter(Boolean);
  const all = failed.length === errors.length && failed.length > 0;
  if (all && failed.some((e) => e.status === 0)) lostContact(failed[0]);
  else if (all) showBanner(failed[0]);
  else hideBanner();
  setState(all ? 'error' : 'ready');
  if (failed.length) scheduleRetry();
  else state.retries = 0;
  return failed.length === 0;
}

// ---------- staying in touch ----------

/** Retries after a failure, waiting longer each time (2 s, 4 s, … up to a minute). */
function scheduleRetry() {
  clearTimeout(state.retryTimer);
  const wait = RETRY_MS[Math.min(state.retries, RETRY_MS.length - 1)];
  state.retries++;
  state.retryTimer = setTimeout(() => loadAll(), wait);
  return wait;
}

/** The server stopped answering: say so, mark every panel stale, and keep trying. */
function lostContact(e) {
  state.lostSince ??= new Date();
  Object.values(SECTIONS).forEach((sec) => sec.panels.forEach((id) => byId(id).classList.add('is-stale')));
  const wait = scheduleRetry();
  const since = dateTime(state.lostSince.toISOString());
  fill(
    byId('banner'),
    h('p', {}, `${e.message} No answer since ${since}; what you see may be out of date. Trying again in ${Math.round(wait / 1000)} s.`),
    h('button', { type: 'button', class: 'btn btn-secondary btn-small', onclick: loadAll }, 'Try again')
  );
  byId('banner').hidden = false;
  delete byId('banner').dataset.message;
  byId('meta-line').textContent = `The server did not answer (since ${since}).`;
}

function backInContact() {
  if (state.lostSince) toast('The server answers again: the dashboard is up to date');
  state.lostSince = null;
}

/** Checks now and then that the server still answers, so a stopped server never looks live. */
function heartbeat() {
  setInterval(async () => {
    if (state.lostSince || root.dataset.state === 'loading') return;
    try {
      await api.health();
    } catch (e) {
      lostContact(e);
      setState('error');
    }
  }, HEARTBEAT_MS);
  // "updated 3 minutes ago" keeps counting
  setInterval(() => state.meta && !state.lostSince && renderMeta(state.meta), 15000);
}

function showBanner(e) {
  const banner = byId('banner');
  const needsToken = e.status === 401;
  const message = needsToken ? 'This server needs an API token to show your data.' : e.message;
  // A retry that fails the same way leaves the alert alone: not announced again, its button intact.
  if (!banner.hidden && banner.dataset.message === message) return;
  banner.dataset.message = message;
  fill(
    banner,
    h('p', {}, message),
    needsToken
      ? h('button', { type: 'button', class: 'btn btn-primary btn-small', onclick: () => { api.allowTokenQuestion(); loadAll(); } }, 'Enter token')
      : h('button', { type: 'button', class: 'btn btn-secondary btn-small', onclick: loadAll }, 'Try again')
  );
  banner.hidden = false;
}

function hideBanner() {
  byId('banner').hidden = true;
}

function renderMeta(meta) {
  state.meta = meta;
  const lagging = meta.as_of && meta.generated_at && Date.parse(meta.generated_at) - Date.parse(meta.as_of) > 5000;
  fill(
    byId('meta-line'),
    'Data as of ',
    h('strong', {}, h('time', { datetime: meta.as_of }, dateTime(meta.as_of))),
    ' · Time zone ',
    h('strong', {}, meta.timezone),
    lagging ? ' · newer events are still being processed' : '',
    ` · updated ${relative(meta.generated_at)}`
  );
}

// ---------- empty state ----------

async function showEmpty() {
  byId('empty-state').hidden = false;
  hideBanner();
  byId('meta-line').textContent = 'No data yet. This page checks again every few seconds.';
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const withToken = api.token() || (await api.needsToken());
  const auth = withToken ? ` \\\n  -H "Authorization: Bearer $LEARNLYTICS_API_TOKEN"` : '';
  byId('empty-curl').textContent =
    `curl -s ${location.origin}/api/events -H 'Content-Type: application/json'${auth} -d '[\n` +
    `  {"kind":"exchange","id":"ex-1","session_id":"s-1","timestamp":"${stamp}",\n` +
    `   "user_text":"What is recursion?","agent_text":"A function that calls itself.","duration_ms":4000,\n` +
    `   "topics":["recursion"]},\n` +
    `  {"kind":"quality","id":"q-1","exchange_id":"ex-1","relevance":0.9,"clarity":0.8},\n` +
    `  {"kind":"feedback","id":"f-1","exchange_id":"ex-1","type":"thumbs_up",\n` +
    `   "timestamp":"${stamp}"}\n` +
    `]'`;
}

async function copyCurl() {
  const text = byId('empty-curl').textContent;
  try {
    await navigator.clipboard.writeText(text);
    toast('Command copied to the clipboard');
  } catch {
    const range = document.createRange();
    range.selectNodeContents(byId('empty-curl'));
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    toast('Select the command and copy it with Ctrl+C');
  }
}

// ---------- reports opened on demand ----------

// Their code loads with the first opening (app.lazy.min.js), not with the page.
const lazy = { month: null, breakdown: null };

function setupReports() {
  onOpen('month-details', () => (lazy.month ??= import('./month.js')).then((m) => m.openMonth()));
  for (const id of ['quality-details', 'velocity-details']) {
    onOpen(id, () => (lazy.breakdown ??= import('./breakdown.js')).then((m) => m.openPart(id, () => state.period)));
  }
}

function onOpen(id, load) {
  const details = byId(id);
  details.addEventListener('toggle', () => {
    if (details.open) load().catch((e) => console.error(`Learnlytics: ${id} failed to load`, e));
  });
}

// ---------- period, export, token ----------

function initialPeriod() {
  const p = new URLSearchParams(location.search).get('period');
  return contract().dashboardPeriods.includes(p) ? p : contract().defaultPeriod;
}

function setPeriod(p) {
  if (!contract().dashboardPeriods.includes(p) || p === state.period) return;
  state.period = p;
  const url = new URL(location.href);
  url.searchParams.set('period', p);
  history.replaceState(history.state, '', url); // keeps an open topic's entry
  updateExportLinks();
  loadPeriod(true);
  refreshTopic();
  lazy.breakdown?.then((m) => m.refreshBreakdowns());
}

function exportLink(format) {
  const name = format.id.toUpperCase();
  return h(
    'a',
    {
      class: 'btn btn-secondary',
      id: `export-${format.id}`,
      dataset: { format: format.id, extension: format.extension },
      onclick: exportClick,
    },
    icon('download'),
    h('span', {}, format.extension === format.id ? name : `${name} (${format.extension})`),
    h('span', { class: 'visually-hidden' }, ' export of the selected period')
  );
}

function updateExportLinks() {
  for (const a of document.querySelectorAll('.export a[data-format]')) {
    a.href = api.scoped(`/api/analytics/export?${api.qs({ format: a.dataset.format, period: state.period })}`);
    a.setAttribute('download', `learnlytics-${state.period}.${a.dataset.extension}`);
  }
}

/** With a token the download goes through fetch (to send the header); without, the plain link works. */
async function exportClick(e) {
  if (!api.token()) return;
  e.preventDefault();
  const a = e.currentTarget;
  if (a.getAttribute('aria-busy') === 'true') return;
  a.setAttribute('aria-busy', 'true');
  try {
    const url = new URL(a.href);
    const { blob, name } = await api.download(url.pathname + url.search, a.getAttribute('download'));
    const href = URL.createObjectURL(blob);
    const link = h('a', { href, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 30000);
    toast(`Downloaded ${name}`);
  } catch (err) {
    toast(exportError(err));
  } finally {
    a.removeAttribute('aria-busy');
  }
}

function exportError(err) {
  if (err.status === 429) return `Another export is running: try again in ${err.retryAfter ?? 'a few'} seconds.`;
  if (err.status === 404) return 'This server does not offer exports yet.';
  return `The export failed: ${err.message}`;
}

function askToken(reason) {
  const dialog = byId('token-dialog');
  const input = byId('token-input');
  const error = byId('token-error');
  error.textContent = reason ?? '';
  error.hidden = !reason;
  input.value = '';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => resolve(dialog.returnValue === 'ok' && input.value.trim() ? input.value.trim() : null),
      { once: true }
    );
    dialog.showModal();
    input.focus();
  });
}

function showTokenStatus(value) {
  byId('token-status').hidden = !value;
}

// ---------- start ----------

let contractLoad = null;

/** Loads the API's contract (again after a failure) and builds the controls it describes, once. */
function contractReady() {
  contractLoad ??= loadContract().then(buildControls, (e) => {
    contractLoad = null;
    throw e;
  });
  return contractLoad;
}

/** The controls whose choices are the API's: periods, trend metrics and windows, exports, goals. */
function buildControls(c) {
  state.period = initialPeriod();
  state.trendMetric = c.trendMetrics[0].id;
  root.dataset.period = state.period;
  byId('period-picker').append(...c.dashboardPeriods.flatMap(periodChoice));
  byId('export').append(...c.exportFormats.map(exportLink));
  updateExportLinks();
  fillTrendChoices(c);
  describeRanges(c);
  setupGoalForm((goal) => {
    state.highlightGoal = goal.id;
    loadSection('goals');
  });
  showFromUrl();
}

function fillTrendChoices(c) {
  const option = (value, text) => h('option', { value }, text);
  fill(byId('trend-metric'), c.trendMetrics.map((m) => option(m.id, m.label)));
  fill(byId('trend-window'), option('auto', 'Auto'), c.trendWindows.map((w) => option(w, `${w} days`)));
}

/** The fixed ranges some panels show, in their subtitles. */
function describeRanges(c) {
  const days = c.topics.trending_days;
  byId('trending-note').textContent = `last ${days} days vs the ${days} before`;
  byId('calendar-sub').textContent = `Sessions per day over ${c.periodText(c.longestPeriod())}`;
}

function periodChoice(p) {
  return [
    h('input', { type: 'radio', name: 'period', id: `period-${p}`, value: p, checked: p === state.period }),
    h('label', { for: `period-${p}` }, contract().periodLabel(p)),
  ];
}

/** Keeps --topbar-height current, so focused fields never scroll under the sticky top bar. */
function trackTopbarHeight() {
  const bar = document.querySelector('.topbar');
  const set = () => root.style.setProperty('--topbar-height', `${bar.offsetHeight}px`);
  set();
  if ('ResizeObserver' in window) new ResizeObserver(set).observe(bar);
}

function init() {
  trackTopbarHeight();

  api.onAskToken(askToken);
  api.onTokenChange(showTokenStatus);
  showTokenStatus(api.token());

  byId('period-picker').addEventListener('change', (e) => setPeriod(e.target.value));
  byId('trend-metric').addEventListener('change', (e) => {
    state.trendMetric = e.target.value;
    loadSection('trend');
  });
  byId('trend-window').addEventListener('change', (e) => {
    state.trendWindow = e.target.value === 'auto' ? 'auto' : Number(e.target.value);
    loadSection('trend');
  });
  setupTheme(byId('theme-toggle'));
  byId('refresh').addEventListener('click', () =>
    loadAll().then((ok) => toast(ok ? 'Dashboard refreshed' : 'The dashboard could not be refreshed: see the marked panels'))
  );
  byId('empty-recheck').addEventListener('click', loadAll);
  byId('copy-curl').addEventListener('click', copyCurl);
  byId('insights-seen').addEventListener('click', () => markSeen(true));
  byId('token-cancel').addEventListener('click', () => byId('token-dialog').close('cancel'));
  byId('forget-token').addEventListener('click', () => {
    api.setToken(null);
    toast('Token forgotten for this tab');
  });

  setupInsights();
  setupReports();
  setupTopicDetail(() => state.period);
  onGoalsChanged(() => loadSection('goals'));
  onStreakChanged(() => Promise.all([loadSection('goals'), loadSection('streak')]));

  loadAll();
  heartbeat();
}

init();
