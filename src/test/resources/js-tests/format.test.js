import { equal, test } from './harness.js';
import { DASH, capitalize, localDate, minutes, pct, relative, signedPercent, valueIn } from '/js/format.js';

test('pct shows a 0–1 fraction as a percentage with one decimal', () => {
  equal(pct(0.7782), '77.8%');
  equal(pct(1), '100%');
  equal(pct(null), DASH);
});

test('signedPercent uses a real minus sign and no sign for zero', () => {
  equal(signedPercent(14.3), '+14.3%');
  equal(signedPercent(-2), '−2%');
  equal(signedPercent(0), '0%');
  equal(signedPercent(null), DASH);
});

test('minutes switches to hours from 60 minutes, with two-digit minutes', () => {
  equal(minutes(42), '42 min');
  equal(minutes(185), '3 h 05 min');
});

test('valueIn formats each unit of the contract', () => {
  equal(valueIn('fraction', 0.8), '80%');
  equal(valueIn('minutes', 90), '1 h 30 min');
  equal(valueIn('count', 1234), '1,234');
  equal(valueIn('ratio', 2.5), '2.5');
  equal(valueIn('count', null), DASH);
});

test('localDate reads a learning date without shifting it to the browser zone', () => {
  equal(localDate('2026-11-25'), 'Wed, Nov 25, 2026');
  equal(localDate('2026-03-29', { month: 'short' }), 'Mar');
});

test('relative says just now, minutes, hours and days', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  equal(relative('2026-11-25T11:59:40Z', now), 'just now');
  equal(relative('2026-11-25T11:57:00Z', now), '3 minutes ago');
  equal(relative('2026-11-25T09:00:00Z', now), '3 hours ago');
  equal(relative('2026-11-24T12:00:00Z', now), 'yesterday');
  equal(relative(null, now), DASH);
});

test('capitalize leaves an empty text alone', () => {
  equal(capitalize('the last 7 days'), 'The last 7 days');
  equal(capitalize(''), '');
});
