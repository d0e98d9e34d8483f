// Thin, validated wrappers over jStat's distributions, so the rest of src/stats never touches jStat directly.
import jStat from 'jstat';

/** Checks a confidence level is strictly between 0 and 1. */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
}

/** The two-sided critical value of the standard normal distribution (1.959964 for 95%). */
export function normalCritical(confidence: number): number {
  assertConfidence(confidence);
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}

/** Two-sided p-value of a standard normal statistic, computed from the lower tail to keep small p precise. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (!Number.isFinite(z)) return 0;
  return Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/** The two-sided critical value of Student's t with `df` degrees of freedom. */
export function tCritical(confidence: number, df: number): number {
  assertConfidence(confidence);
  return jStat.studentt.inv(1 - (1 - confidence) / 2, df);
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
}

/** Upper-tail p-value of a chi-square statistic with `df` degrees of freedom. */
export function chiSquareUpperP(statistic: number, df: number): number {
  if (statistic <= 0) return 1;
  return Math.max(0, 1 - jStat.chisquare.cdf(statistic, df));
}
