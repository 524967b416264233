// Medians and spreads: the machine is shared and noisy, so every timing is reported as the median
// of repeated runs with its range, and compared only as a ratio to a baseline from the same run.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, min and max of repeated measurements, with the raw values kept for latest.json. */
export function summarise(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values };
}

export function ratio(value, baseline) {
  return baseline === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : value / baseline;
}

/** `1.23×`, or `–` when there is nothing to divide by. */
export function formatRatio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** `12.3 (11.9–13.0)`: median with its range. */
export function formatSpread({ median: middle, min, max }, digits = 1) {
  return `${middle.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

/** Runs the async functions of `variants` in turn, `rounds` times, so that drift in machine load hits all alike. */
export async function interleave(rounds, variants) {
  const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) results[name].push(await run(round));
  }
  return results;
}
