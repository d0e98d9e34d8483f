import { normalCritical, normalTwoSidedP } from './distributions.js';
import { assertSuccesses } from './validate.js';

/** An estimate with a two-sided confidence interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
}

/** A proportion with its Wilson score interval and the sample size behind it. */
export interface ProportionInterval extends Interval {
  successes: number;
  n: number;
}

/** Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998a method 3, no continuity correction). */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionInterval {
  assertSuccesses(successes, n);
  const z = normalCritical(confidence);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the formula gives exactly 0 and 1 in exact arithmetic; pin them against rounding.
  const lower = successes === 0 ? 0 : Math.max(0, centre - half);
  const upper = successes === n ? 1 : Math.min(1, centre + half);
  return { estimate: p, lower, upper, confidence, successes, n };
}

/** A difference of two independent proportions, p1 − p2, with its interval and the two Wilson intervals used. */
export interface ProportionDifference extends Interval {
  first: ProportionInterval;
  second: ProportionInterval;
}

/**
 * Newcombe's hybrid score interval for p1 − p2 from independent samples (Newcombe 1998b, method 10): it combines
 * the two Wilson intervals, so it stays inside [−1, 1] and behaves at 0 and n, unlike the Wald interval.
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): ProportionDifference {
  assertSuccesses(x1, n1, '1');
  assertSuccesses(x2, n2, '2');
  const first = wilsonInterval(x1, n1, confidence);
  const second = wilsonInterval(x2, n2, confidence);
  const p1 = first.estimate;
  const p2 = second.estimate;
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - first.lower) ** 2 + (second.upper - p2) ** 2);
  const upper = d + Math.sqrt((first.upper - p1) ** 2 + (p2 - second.lower) ** 2);
  return { estimate: d, lower: Math.max(-1, lower), upper: Math.min(1, upper), confidence, first, second };
}

/** Result of a two-sample z test of proportions. */
export interface TwoProportionTestResult {
  p1: number;
  p2: number;
  difference: number;
  pooled: number;
  standardError: number;
  z: number;
  pValue: number;
}

/**
 * Two-sided z test of H0: p1 = p2 with the pooled standard error; z² equals Pearson's chi-square on the 2×2 table
 * (R: prop.test(c(x1, x2), c(n1, n2), correct = FALSE)).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTestResult {
  assertSuccesses(x1, n1, '1');
  assertSuccesses(x2, n2, '2');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Both samples all-success or all-failure: no evidence of a difference.
  const z = standardError === 0 ? 0 : (p1 - p2) / standardError;
  return { p1, p2, difference: p1 - p2, pooled, standardError, z, pValue: normalTwoSidedP(z) };
}
