import { mean, sampleVariance } from 'simple-statistics';
import { assertConfidence, tCritical, tTwoSidedP } from './distributions.js';
import { assertSample } from './validate.js';

/** A mean with its t interval and the one-sample t test of "mean = 0". */
export interface MeanInterval {
  estimate: number;
  lower: number;
  upper: number;
  n: number;
  standardDeviation: number;
  standardError: number;
  df: number;
  t: number;
  pValue: number;
  confidence: number;
}

/** Mean with a Student t confidence interval and a one-sample t test against `nullValue` (R: t.test(x, mu = nullValue)). */
export function meanInterval(values: readonly number[], confidence = 0.95, nullValue = 0): MeanInterval {
  assertSample('values', values, 2);
  assertConfidence(confidence);
  const n = values.length;
  const estimate = mean([...values]);
  const standardDeviation = Math.sqrt(sampleVariance([...values]));
  const standardError = standardDeviation / Math.sqrt(n);
  const df = n - 1;
  const margin = tCritical(confidence, df) * standardError;
  const diff = estimate - nullValue;
  // All values equal: no spread, so the test is decided by whether the mean equals the null value.
  const t = standardError === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / standardError;
  return {
    estimate,
    lower: estimate - margin,
    upper: estimate + margin,
    n,
    standardDeviation,
    standardError,
    df,
    t,
    pValue: tTwoSidedP(t, df),
    confidence,
  };
}

/** One respondent's SERVQUAL answers for one item or dimension. */
export interface ServqualPair {
  perception: number;
  expectation: number;
}

/**
 * SERVQUAL gap: the mean of perception − expectation over respondents, with a paired t interval and the test of
 * "no gap" (R: t.test(perception, expectation, paired = TRUE)). Negative means service fell short of expectations.
 */
export function pairedMeanDifference(pairs: readonly ServqualPair[], confidence = 0.95): MeanInterval {
  return meanInterval(
    pairs.map((p) => p.perception - p.expectation),
    confidence,
  );
}

/** Result of Welch's two-sample t test of mean(a) − mean(b). */
export interface WelchTTestResult {
  meanA: number;
  meanB: number;
  difference: number;
  lower: number;
  upper: number;
  standardError: number;
  t: number;
  df: number;
  pValue: number;
  confidence: number;
}

/** Welch's unequal-variance t test and interval for mean(a) − mean(b), Welch–Satterthwaite df (R: t.test(a, b)). */
export function welchTTest(a: readonly number[], b: readonly number[], confidence = 0.95): WelchTTestResult {
  assertSample('a', a, 2);
  assertSample('b', b, 2);
  assertConfidence(confidence);
  const meanA = mean([...a]);
  const meanB = mean([...b]);
  const va = sampleVariance([...a]) / a.length;
  const vb = sampleVariance([...b]) / b.length;
  const standardError = Math.sqrt(va + vb);
  const difference = meanA - meanB;
  if (standardError === 0) {
    const t = difference === 0 ? 0 : Math.sign(difference) * Infinity;
    return {
      meanA,
      meanB,
      difference,
      lower: difference,
      upper: difference,
      standardError,
      t,
      df: a.length + b.length - 2,
      pValue: difference === 0 ? 1 : 0,
      confidence,
    };
  }
  // Welch–Satterthwaite, with the variances scaled to the larger one so tiny variances cannot underflow to 0/0.
  const scale = Math.max(va, vb);
  const ra = va / scale;
  const rb = vb / scale;
  const df = (ra + rb) ** 2 / (ra ** 2 / (a.length - 1) + rb ** 2 / (b.length - 1));
  const t = difference / standardError;
  const margin = tCritical(confidence, df) * standardError;
  return {
    meanA,
    meanB,
    difference,
    lower: difference - margin,
    upper: difference + margin,
    standardError,
    t,
    df,
    pValue: tTwoSidedP(t, df),
    confidence,
  };
}
