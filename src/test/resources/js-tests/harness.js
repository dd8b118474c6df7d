// A minimal harness for the dashboard's ES modules: test files register cases, run() runs them in
// order and reports each one as {name, ok, message}. JsUnitTest turns every case into a JUnit test.

const cases = [];

/** Registers a case; fn may be async. */
export function test(name, fn) {
  cases.push({ name, fn });
}

/** Deep equality of plain values (numbers, strings, arrays, objects), with both sides in the message. */
export function equal(actual, expected, what) {
  if (Object.is(actual, expected) || JSON.stringify(actual) === JSON.stringify(expected)) return;
  const prefix = what ? `${what}: ` : '';
  throw new Error(`${prefix}expected ${JSON.stringify(expected)} but got ${JSON.stringify(actual)}`);
}

export function ok(condition, message) {
  if (!condition) throw new Error(message);
}

export async function run() {
  const results = [];
  for (const { name, fn } of cases) {
    try {
      await fn();
      results.push({ name, ok: true, message: '' });
    } catch (e) {
      results.push({ name, ok: false, message: e?.stack ?? String(e) });
    }
  }
  return results;
}
