import { chiSquareUpperP, normalCritical, normalTwoSidedP } from './distributions.js';
import { assertCount, assertPositive, assertSample } from './validate.js';

/** Result of a Mann–Whitney U (Wilcoxon rank-sum) test of a against b. */
export interface MannWhitneyResult {
  /** U for sample a: pairs (x from a, y from b) with x > y, plus half the ties; R's W. */
  u: number;
  /** U for sample b; u + uB = nA·nB. */
  uB: number;
  /** P(a > b) + ½P(a = b), i.e. u / (nA·nB): 0.5 means no tendency either way. */
  probabilityOfSuperiority: number;
  z: number;
  pValue: number;
  nA: number;
  nB: number;
}

/** Mid-ranks (1-based, ties share their average rank) of `values`, and the tie sizes. */
function rankWithTies(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = midRank;
    tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

/**
 * Mann–Whitney U test, two-sided, normal approximation with the tie correction of the variance and (by default)
 * a continuity correction of ½ — the same as R's wilcox.test(a, b, exact = FALSE, correct = TRUE).
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  options: { continuityCorrection?: boolean } = {},
): MannWhitneyResult {
  assertSample('a', a, 1);
  assertSample('b', b, 1);
  const correct = options.continuityCorrection ?? true;
  const nA = a.length;
  const nB = b.length;
  const total = nA + nB;
  const { ranks, tieSizes } = rankWithTies([...a, ...b]);
  const rankSumA = ranks.slice(0, nA).reduce((s, r) => s + r, 0);
  const u = rankSumA - (nA * (nA + 1)) / 2;
  const uB = nA * nB - u;
  const tieTerm = tieSizes.reduce((s, t) => s + (t ** 3 - t), 0) / (total * (total - 1));
  const sigma = Math.sqrt(((nA * nB) / 12) * (total + 1 - tieTerm));
  const deviation = u - (nA * nB) / 2;
  // The continuity correction never carries the statistic past the mean (R would let it change sign).
  const corrected = correct ? Math.sign(deviation) * Math.max(0, Math.abs(deviation) - 0.5) : deviation;
  const z = sigma === 0 ? 0 : corrected / sigma;
  return { u, uB, probabilityOfSuperiority: u / (nA * nB), z, pValue: normalTwoSidedP(z), nA, nB };
}

/** Result of Pearson's chi-square test of independence on an r×c table. */
export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts under independence, for the rows and columns kept (all-zero ones are dropped). */
  expected: number[][];
  minExpected: number;
  /** Cochran's rule: every expected count >= 1 and at most 20% of them below 5; otherwise the p-value is rough. */
  isApproximationReliable: boolean;
  isYatesCorrected: boolean;
}

/**
 * Pearson chi-square test of independence for an r×c table of counts (R: chisq.test(table, correct = yates)).
 * Rows or columns that are all zero are dropped before testing; Yates' correction applies only to 2×2 tables.
 */
export function chiSquareTest(
  table: readonly (readonly number[])[],
  options: { yates?: boolean } = {},
): ChiSquareResult {
  const width = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (row.length !== width)
      throw new RangeError(`table row ${i} has ${row.length} cells, expected ${width}`);
    row.forEach((cell, j) => {
      if (!Number.isFinite(cell) || cell < 0) {
        throw new RangeError(`table[${i}][${j}] must be a finite count >= 0, got ${cell}`);
      }
    });
  });
  const keptColumns = [...Array(width).keys()].filter((j) => table.some((row) => row[j]! > 0));
  const kept = table
    .filter((row) => row.some((cell) => cell > 0))
    .map((row) => keptColumns.map((j) => row[j]!));
  const rows = kept.length;
  const cols = keptColumns.length;
  if (rows < 2 || cols < 2) {
    throw new RangeError(
      `a chi-square test needs at least 2 non-empty rows and 2 non-empty columns, got ${rows}×${cols}`,
    );
  }
  const rowTotals = kept.map((row) => row.reduce((s, c) => s + c, 0));
  const colTotals = keptColumns.map((_, j) => kept.reduce((s, row) => s + row[j]!, 0));
  const grand = rowTotals.reduce((s, c) => s + c, 0);
  const expected = rowTotals.map((r) => colTotals.map((c) => (r * c) / grand));
  const isYatesCorrected = (options.yates ?? false) && rows === 2 && cols === 2;
  let statistic = 0;
  kept.forEach((row, i) =>
    row.forEach((observed, j) => {
      const e = expected[i]![j]!;
      const gap = Math.abs(observed - e);
      // R's form of Yates: subtract min(½, |O − E|) so the correction never overshoots.
      const adjusted = isYatesCorrected ? gap - Math.min(0.5, gap) : gap;
      statistic += (adjusted * adjusted) / e;
    }),
  );
  const df = (rows - 1) * (cols - 1);
  const flat = expected.flat();
  const minExpected = Math.min(...flat);
  const below5 = flat.filter((e) => e < 5).length;
  return {
    statistic,
    df,
    pValue: chiSquareUpperP(statistic, df),
    expected,
    minExpected,
    isApproximationReliable: minExpected >= 1 && below5 <= 0.2 * flat.length,
    isYatesCorrected,
  };
}

/** A ratio of two event rates with its interval and test of "ratio = 1". */
export interface RateRatioResult {
  rate1: number;
  rate2: number;
  ratio: number;
  lower: number;
  upper: number;
  z: number;
  pValue: number;
  confidence: number;
  /** True when a count was zero and ½ was added to both counts so the log scale is defined. */
  isContinuityCorrected: boolean;
}

/**
 * Ratio of two Poisson rates (events per unit of exposure, e.g. complaints per 1,000 cases), (e1/t1)/(e2/t2), with
 * the log-normal (Wald on log scale) interval exp(ln RR ± z·√(1/e1 + 1/e2)) and the matching z test of RR = 1.
 */
export function rateRatio(
  events1: number,
  exposure1: number,
  events2: number,
  exposure2: number,
  confidence = 0.95,
): RateRatioResult {
  assertCount('events1', events1);
  assertCount('events2', events2);
  assertPositive('exposure1', exposure1);
  assertPositive('exposure2', exposure2);
  const z = normalCritical(confidence);
  const isContinuityCorrected = events1 === 0 || events2 === 0;
  const e1 = isContinuityCorrected ? events1 + 0.5 : events1;
  const e2 = isContinuityCorrected ? events2 + 0.5 : events2;
  const logRatio = Math.log(e1 / exposure1 / (e2 / exposure2));
  const se = Math.sqrt(1 / e1 + 1 / e2);
  const statistic = logRatio / se;
  return {
    rate1: events1 / exposure1,
    rate2: events2 / exposure2,
    ratio: Math.exp(logRatio),
    lower: Math.exp(logRatio - z * se),
    upper: Math.exp(logRatio + z * se),
    z: statistic,
    pValue: normalTwoSidedP(statistic),
    confidence,
    isContinuityCorrected,
  };
}
