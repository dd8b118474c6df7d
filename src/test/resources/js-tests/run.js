// Loads every test file, runs the cases and publishes the results for JsUnitTest. A file that does
// not load (a syntax error, a missing export) is reported as a failing case of its own.

import { run } from './harness.js';

const FILES = ['format.test.js', 'wording.test.js', 'contract.test.js', 'charts.test.js', 'heatmap.test.js', 'trend.test.js', 'topics.test.js', 'api.test.js', 'anomalies.test.js', 'theme.test.js', 'pace.test.js', 'topicdetail.test.js', 'goals.test.js'];

const broken = [];
for (const file of FILES) {
  try {
    await import(`./${file}`);
  } catch (e) {
    broken.push({ name: `${file} loads`, ok: false, message: e?.stack ?? String(e) });
  }
}
window.jsTestResults = [...broken, ...(await run())];
