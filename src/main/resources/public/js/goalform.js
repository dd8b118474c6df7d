// The "create a goal" form. Validation is the API's: a 400 lists every problem with its field, and
// each message is shown next to its field (aria-invalid + aria-describedby). The choices are the
// API's own (contract.js).

import * as api from './api.js';
import { contract } from './contract.js';
import { byId, fill, h, toast } from './dom.js';
import { PREFERRED_FREQUENCY, comparisonWords, frequencyWords, goalMetricWords } from './wording.js';

const FIELDS = {
  name: 'goal-name',
  target_metric: 'goal-metric',
  target_value: 'goal-target',
  comparison: 'goal-comparison',
  frequency: 'goal-frequency',
  filters: 'goal-topic',
  'filters.topic': 'goal-topic',
};

/** Metrics the API measures as fractions from 0 to 1: the form takes them as percentages. */
const isPercent = (metric) => contract().goalMetric(metric).unit === 'fraction';

/** Fills the choices and wires the form; onCreated(goal) runs after the API created it. */
export function setupGoalForm(onCreated) {
  fillChoices(contract().goals);
  const form = byId('goal-form');
  const metric = byId('goal-metric');
  const hint = () => {
    byId('goal-metric-hint').textContent = goalMetricWords(metric.value).hint;
    const percent = isPercent(metric.value);
    byId('goal-target-unit').textContent = percent ? '(%)' : '';
    const target = byId('goal-target');
    target.max = percent ? '100' : '';
    target.placeholder = percent ? 'e.g. 80' : 'e.g. 5';
  };
  metric.addEventListener('change', hint);
  hint();
  form.addEventListener('input', (e) => clearField(e.target));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const button = byId('goal-submit');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const goal = await api.post('/api/analytics/goals', body());
      form.reset();
      hint();
      toast(`Goal created: ${goal.name}`);
      onCreated(goal);
    } catch (err) {
      showErrors(err);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}

function fillChoices(goals) {
  const option = (value, text, selected = false) => h('option', { value, selected }, text);
  fill(byId('goal-metric'), goals.metrics.map((m) => option(m.id, goalMetricWords(m.id).label)));
  fill(byId('goal-comparison'), goals.comparisons.map((c) => option(c, comparisonWords(c))));
  fill(
    byId('goal-frequency'),
    goals.frequencies.map((f) => option(f, frequencyWords(f).label, f === PREFERRED_FREQUENCY))
  );
}

function body() {
  const b = {
    name: byId('goal-name').value.trim(),
    target_metric: byId('goal-metric').value,
    comparison: byId('goal-comparison').value,
    frequency: byId('goal-frequency').value,
  };
  const target = byId('goal-target').value;
  if (target !== '') {
    // Percent in the form, a fraction in the API (which refuses anything over 1 for these).
    b.target_value = isPercent(b.target_metric) ? Number(target) / 100 : Number(target);
  }
  const topic = byId('goal-topic').value.trim();
  if (topic) b.filters = { topic };
  return b;
}

function clearField(input) {
  if (!input?.id) return;
  input.removeAttribute('aria-invalid');
  const msg = byId(`${input.id}-error`);
  if (msg) {
    msg.hidden = true;
    msg.textContent = '';
  }
}

function clearErrors(form) {
  form.querySelectorAll('[aria-invalid]').forEach(clearField);
  const top = byId('goal-form-error');
  top.hidden = true;
  top.textContent = '';
}

function showErrors(err) {
  const top = byId('goal-form-error');
  const other = [];
  let first = null;
  for (const d of err.details ?? []) {
    const id = FIELDS[d.field] ?? (d.field?.startsWith('filters.') ? 'goal-topic' : null);
    const input = id ? byId(id) : null;
    if (!input) {
      other.push(`${d.field}: ${d.message}`);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    const msg = byId(`${id}-error`);
    msg.textContent = msg.hidden ? d.message : `${msg.textContent} ${d.message}`;
    msg.hidden = false;
    first ??= input;
  }
  top.textContent = [err.status === 400 ? err.message : `The goal was not saved: ${err.message}`, ...other].join(' ');
  top.hidden = false;
  (first ?? top).focus?.();
}
