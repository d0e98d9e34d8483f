/** Benjamini–Hochberg adjusted p-values (input order) and which comparisons are rejected at the chosen FDR. */
export interface BenjaminiHochbergResult {
  adjusted: number[];
  rejected: boolean[];
  q: number;
}

/**
 * Benjamini–Hochberg (1995) step-up procedure controlling the false discovery rate at q across many comparisons.
 * Adjusted p-values equal R's p.adjust(p, method = "BH"); a comparison is rejected when its adjusted p <= q.
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): BenjaminiHochbergResult {
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be between 0 and 1 (exclusive), got ${q}`);
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] must be between 0 and 1, got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  // From the largest p down: adjusted(k) = min over j >= k of p(j)·m/j, capped at 1.
  for (let k = m - 1; k >= 0; k--) {
    const { p, i } = order[k]!;
    running = Math.min(running, (m / (k + 1)) * p); // same operation order as R, so values match it exactly
    adjusted[i] = running;
  }
  return { adjusted, rejected: adjusted.map((p) => p <= q), q };
}
