// Repeatable randomness and run-size settings for the crash tests and the soak.
import assert from 'node:assert/strict';

/** A whole number from the environment, or the fallback when it is unset. */
export function wholeNumberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  assert.match(value, /^\d+$/, `${name} must be a whole number`);
  return Number(value);
}

/** mulberry32: a small seeded generator, so that a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
