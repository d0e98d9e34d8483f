import { normalCritical, normalTwoSidedP } from './distributions.js';
import { assertCount } from './validate.js';

/** Counts of Net Promoter answers: promoters (9–10), passives (7–8), detractors (0–6). */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** How the NPS interval is computed; see npsInterval. */
export type NpsMethod = 'adjusted-wald' | 'wald';

/** An NPS interval on the −1..1 fraction scale. */
export interface NpsFraction {
  estimate: number;
  lower: number;
  upper: number;
}

/** An NPS with its interval, on the −100..100 scale (estimate, lower, upper) and as a fraction (−1..1). */
export interface NpsInterval {
  estimate: number;
  lower: number;
  upper: number;
  fraction: NpsFraction;
  n: number;
  standardError: number;
  confidence: number;
  method: NpsMethod;
}

/** Pseudo-observations of the adjusted Wald interval: ¾ promoter, ¾ detractor and so 1½ passive, 3 in all. */
const ADJUSTMENT = { promoters: 0.75, detractors: 0.75, total: 3 } as const;

function assertNpsCounts(counts: NpsCounts, sample = ''): number {
  const prefix = sample ? `${sample}.` : '';
  assertCount(`${prefix}promoters`, counts.promoters);
  assertCount(`${prefix}passives`, counts.passives);
  assertCount(`${prefix}detractors`, counts.detractors);
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0)
    throw new RangeError(`an NPS needs at least one answer${sample ? ` (${sample} sample is empty)` : ''}`);
  return n;
}

/**
 * The per-answer variance of the score (−1 detractor, 0 passive, +1 promoter) is p_P + p_D − (p_P − p_D)²,
 * the variance of a difference of two multinomial proportions; the estimate's variance is that over n.
 */
function npsMoments(promoters: number, detractors: number, n: number): { nps: number; variance: number } {
  const pP = promoters / n;
  const pD = detractors / n;
  const nps = pP - pD;
  return { nps, variance: Math.max(0, pP + pD - nps * nps) / n };
}

function momentsFor(counts: NpsCounts, n: number, method: NpsMethod): { nps: number; variance: number } {
  return method === 'wald'
    ? npsMoments(counts.promoters, counts.detractors, n)
    : npsMoments(
        counts.promoters + ADJUSTMENT.promoters,
        counts.detractors + ADJUSTMENT.detractors,
        n + ADJUSTMENT.total,
      );
}

const clampUnit = (x: number): number => Math.min(1, Math.max(-1, x));

/**
 * Net Promoter Score with a confidence interval.
 *
 * 'wald': NPS ± z·√(var/n) with var = p_P + p_D − (p_P − p_D)² (the multinomial variance of the difference).
 *
 * 'adjusted-wald' (default): the adjusted Wald interval that Rocks (2016), "Interval estimation for the 'Net
 * Promoter Score'", The American Statistician 70(4):365–372 (arXiv:1601.07235), found among the best performers,
 * in the form Sauro & Lewis (MeasuringU, 2021) give for it: add ¾ to the promoters, ¾ to the detractors and 3 to n
 * (so 1½ to the passives), then centre the Wald interval on the adjusted NPS with the adjusted variance. Like
 * Agresti–Coull for one proportion, the pseudo-answers keep the interval honest when n is small or every answer
 * is in one category (where the plain Wald interval has zero width). The reported estimate stays the observed NPS.
 * Bounds are clamped to [−100, 100].
 */
export function npsInterval(
  promoters: number,
  passives: number,
  detractors: number,
  confidence = 0.95,
  method: NpsMethod = 'adjusted-wald',
): NpsInterval {
  const counts = { promoters, passives, detractors };
  const n = assertNpsCounts(counts);
  const z = normalCritical(confidence);
  const observed = (promoters - detractors) / n;
  const { nps: centre, variance } = momentsFor(counts, n, method);
  const standardError = Math.sqrt(variance);
  const fraction = {
    estimate: observed,
    lower: clampUnit(centre - z * standardError),
    upper: clampUnit(centre + z * standardError),
  };
  return {
    estimate: 100 * fraction.estimate,
    lower: 100 * fraction.lower,
    upper: 100 * fraction.upper,
    fraction,
    n,
    standardError: 100 * standardError,
    confidence,
    method,
  };
}

/** A change in NPS between two independent samples (second − first), on the −200..200 point scale. */
export interface NpsDifference {
  first: number;
  second: number;
  difference: number;
  lower: number;
  upper: number;
  standardError: number;
  z: number;
  pValue: number;
  confidence: number;
  method: NpsMethod;
}

/**
 * Whether NPS changed between two independent samples (e.g. two service periods): Wald z test and interval for
 * NPS₂ − NPS₁ with the variances of the two samples added; 'adjusted-wald' (default) applies the same ¾/¾/3
 * adjustment to each sample (Rocks 2016; Sauro & Lewis 2021), which avoids a zero standard error when a small
 * sample has every answer in one category.
 */
export function npsDifference(
  first: NpsCounts,
  second: NpsCounts,
  confidence = 0.95,
  method: NpsMethod = 'adjusted-wald',
): NpsDifference {
  const n1 = assertNpsCounts(first, 'first');
  const n2 = assertNpsCounts(second, 'second');
  const z = normalCritical(confidence);
  const observed1 = (first.promoters - first.detractors) / n1;
  const observed2 = (second.promoters - second.detractors) / n2;
  const m1 = momentsFor(first, n1, method);
  const m2 = momentsFor(second, n2, method);
  const centre = m2.nps - m1.nps;
  const standardError = Math.sqrt(m1.variance + m2.variance);
  const statistic = standardError === 0 ? 0 : centre / standardError;
  return {
    first: 100 * observed1,
    second: 100 * observed2,
    difference: 100 * (observed2 - observed1),
    lower: 100 * Math.max(-2, centre - z * standardError),
    upper: 100 * Math.min(2, centre + z * standardError),
    standardError: 100 * standardError,
    z: statistic,
    pValue: normalTwoSidedP(statistic),
    confidence,
    method,
  };
}
