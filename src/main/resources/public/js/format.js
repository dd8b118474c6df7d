// Number and date formatting. Dates from the API are local learning dates in the learner's
// zone (meta.timezone); instants are shown in that zone too.

const LOCALE = 'en';
let zone;

/** Sets the learner's IANA zone for instants; an unknown zone falls back to the browser's. */
export function setZone(tz) {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: tz });
    zone = tz;
  } catch {
    zone = undefined;
  }
}

const int0 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const pct1 = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const pct0 = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });

export const DASH = '—';

export const int = (v) => (v == null ? DASH : int0.format(v));
export const dec = (v) => (v == null ? DASH : dec1.format(v));
/** A 0–1 fraction as a percentage: 0.7782 → "77.8%". */
export const pct = (v) => (v == null ? DASH : pct1.format(v));
export const pctRound = (v) => (v == null ? DASH : pct0.format(v));

/** A change already in percent (14.3 → "+14.3%"), with a real minus sign. */
export function signedPercent(change) {
  if (change == null) return DASH;
  const s = dec1.format(Math.abs(change));
  if (change > 0) return `+${s}%`;
  if (change < 0) return `−${s}%`;
  return '0%';
}

/** Minutes as "42 min" or "3 h 05 min". */
export function minutes(m) {
  if (m == null) return DASH;
  if (m < 60) return `${int0.format(Math.round(m))} min`;
  const total = Math.round(m);
  const hours = Math.floor(total / 60);
  return `${int0.format(hours)} h ${String(total % 60).padStart(2, '0')} min`;
}

/** A value in its unit from the API's contract: a 0–1 fraction as a percentage, minutes, or a number. */
export function valueIn(unit, v) {
  if (v == null) return DASH;
  if (unit === 'fraction') return pct(v);
  if (unit === 'minutes') return minutes(v);
  return Number.isInteger(v) ? int(v) : dec(v);
}

function fmt(options) {
  return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: zone });
}

/** An instant (ISO string) as "Nov 25, 2026, 2:50 PM" in the learner's zone. */
export function dateTime(iso) {
  if (!iso) return DASH;
  return fmt({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** An instant as a date in the learner's zone: "Nov 25". */
export function instantDate(iso, withYear = false) {
  if (!iso) return DASH;
  const opts = { month: 'short', day: 'numeric', weekday: 'short' };
  if (withYear) opts.year = 'numeric';
  return fmt(opts).format(new Date(iso));
}

/** A local date "2026-11-25" as "Wed, Nov 25, 2026" (no zone shift: the date is already local). */
export function localDate(isoDate, options = { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: 'UTC' }).format(d);
}

const rtf = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

/** "3 minutes ago", "yesterday", "in 2 days". */
export function relative(iso, now = Date.now()) {
  if (!iso) return DASH;
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

export function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
