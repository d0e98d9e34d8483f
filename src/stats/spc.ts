import { assertCount, assertPositive, assertPositiveCount, assertSample } from './validate.js';

/** Where a point lies relative to its own centre line, in sigmas: C within 1σ, B 1–2σ, A 2–3σ, beyond 3σ. */
export type SigmaZone = 'C' | 'B' | 'A' | 'beyond';

/** One plotted point with its own limits; z is its distance from the centre in its own sigmas (for run rules). */
export interface ControlPoint {
  index: number;
  value: number;
  centre: number;
  lcl: number;
  ucl: number;
  sigma: number;
  z: number;
  zone: SigmaZone;
  isBeyondLimits: boolean;
}

/** A control chart: its centre line and the points with their (possibly varying) limits. */
export interface ControlChart {
  kind: 'p' | 'laney-p' | 'u' | 'xmr';
  centre: number;
  points: ControlPoint[];
}

/** d2 for moving ranges of two: sigma = MR̄ / 1.128, so 3-sigma limits are x̄ ± 2.66·MR̄. */
export const D2_MOVING_RANGE = 1.128;
/** D4 for moving ranges of two: the moving-range chart's upper limit is 3.267·MR̄. */
export const D4_MOVING_RANGE = 3.267;

/** The sigma zone of a z-score; boundaries belong to the inner zone, so "beyond 3σ" means |z| > 3. */
export function sigmaZone(z: number): SigmaZone {
  const a = Math.abs(z);
  if (a <= 1) return 'C';
  if (a <= 2) return 'B';
  if (a <= 3) return 'A';
  return 'beyond';
}

function zScore(value: number, centre: number, sigma: number): number {
  if (sigma > 0) return (value - centre) / sigma;
  // No variation expected (e.g. p̄ = 0): a point on the centre is unremarkable, any other is infinitely far.
  return value === centre ? 0 : Math.sign(value - centre) * Infinity;
}

function makePoint(
  index: number,
  value: number,
  centre: number,
  sigma: number,
  bounds: { min: number; max: number },
): ControlPoint {
  const z = zScore(value, centre, sigma);
  const lcl = Math.max(bounds.min, centre - 3 * sigma);
  const ucl = Math.min(bounds.max, centre + 3 * sigma);
  return { index, value, centre, lcl, ucl, sigma, z, zone: sigmaZone(z), isBeyondLimits: Math.abs(z) > 3 };
}

function assertCentre(centre: number | undefined, max: number): void {
  if (centre !== undefined && !(centre > 0 && centre < max)) {
    throw new RangeError(`centre must be between 0 and ${max} (exclusive), got ${centre}`);
  }
}

/** One period's count of defective items (e.g. cases with a complaint) out of n items. */
export interface DefectiveSample {
  defects: number;
  n: number;
}

function proportions(samples: readonly DefectiveSample[], centre?: number): { pBar: number; p: number[] } {
  if (samples.length === 0) throw new RangeError('a control chart needs at least one sample');
  samples.forEach((s, i) => {
    assertCount(`samples[${i}].defects`, s.defects);
    assertPositiveCount(`samples[${i}].n`, s.n);
    if (s.defects > s.n)
      throw new RangeError(`samples[${i}].defects (${s.defects}) cannot exceed n (${s.n})`);
  });
  assertCentre(centre, 1);
  const pBar =
    centre ?? samples.reduce((sum, s) => sum + s.defects, 0) / samples.reduce((sum, s) => sum + s.n, 0);
  return { pBar, p: samples.map((s) => s.defects / s.n) };
}

/**
 * p-chart: centre p̄ = Σdefects / Σn (or a given baseline `centre`), per-point 3σ limits
 * p̄ ± 3·√(p̄(1 − p̄)/nᵢ) clamped to [0, 1], so periods of different sizes get their own limits.
 */
export function pChart(samples: readonly DefectiveSample[], options: { centre?: number } = {}): ControlChart {
  const { pBar, p } = proportions(samples, options.centre);
  const points = samples.map((s, i) =>
    makePoint(i, p[i]!, pBar, Math.sqrt((pBar * (1 - pBar)) / s.n), { min: 0, max: 1 }),
  );
  return { kind: 'p', centre: pBar, points };
}

/** A Laney p′ chart also reports σ_z, the between-period variation in units of the binomial sigma. */
export interface LaneyChart extends ControlChart {
  sigmaZ: number;
}

/**
 * Laney p′ chart (Laney 2002, "Improved control charts for attributes", Quality Engineering 14(4)): for large
 * samples the binomial p-chart limits are too narrow (over-dispersion), so each point's z = (pᵢ − p̄)/σ_pᵢ is
 * measured, σ_z = mean moving range of z / 1.128, and the limits become p̄ ± 3·σ_pᵢ·σ_z (clamped to [0, 1]).
 * σ_z ≈ 1 gives back the p-chart; σ_z > 1 widens it.
 */
export function laneyPPrimeChart(
  samples: readonly DefectiveSample[],
  options: { centre?: number } = {},
): LaneyChart {
  if (samples.length < 2)
    throw new RangeError('a Laney p′ chart needs at least 2 samples (one moving range)');
  const { pBar, p } = proportions(samples, options.centre);
  const sigmaP = samples.map((s) => Math.sqrt((pBar * (1 - pBar)) / s.n));
  const z = p.map((pi, i) => zScore(pi, pBar, sigmaP[i]!));
  let movingRangeSum = 0;
  for (let i = 1; i < z.length; i++) movingRangeSum += Math.abs(z[i]! - z[i - 1]!);
  const sigmaZ = movingRangeSum / (z.length - 1) / D2_MOVING_RANGE;
  const points = samples.map((_, i) => makePoint(i, p[i]!, pBar, sigmaP[i]! * sigmaZ, { min: 0, max: 1 }));
  return { kind: 'laney-p', centre: pBar, points, sigmaZ };
}

/** One period's count of events (e.g. complaints) and its exposure (e.g. transactions, contacts, hours). */
export interface RateSample {
  events: number;
  exposure: number;
}

/**
 * u-chart for rates per unit of exposure: ū = Σevents / Σexposure, per-point limits ū ± 3·√(ū/exposureᵢ)
 * (lower clamped at 0). Values, centre and limits are reported per `per` units (e.g. per: 1000 gives complaints
 * per 1,000 transactions); a baseline `centre` is given on that same scale.
 */
export function uChart(
  samples: readonly RateSample[],
  options: { per?: number; centre?: number } = {},
): ControlChart {
  if (samples.length === 0) throw new RangeError('a control chart needs at least one sample');
  const per = options.per ?? 1;
  assertPositive('per', per);
  samples.forEach((s, i) => {
    assertCount(`samples[${i}].events`, s.events);
    assertPositive(`samples[${i}].exposure`, s.exposure);
  });
  assertCentre(options.centre, Infinity);
  const uBar =
    options.centre !== undefined
      ? options.centre / per
      : samples.reduce((sum, s) => sum + s.events, 0) / samples.reduce((sum, s) => sum + s.exposure, 0);
  const points = samples.map((s, i) =>
    makePoint(i, (s.events / s.exposure) * per, uBar * per, Math.sqrt(uBar / s.exposure) * per, {
      min: 0,
      max: Infinity,
    }),
  );
  return { kind: 'u', centre: uBar * per, points };
}

/** One point of the moving-range chart: |xᵢ − xᵢ₋₁|, starting at index 1. */
export interface MovingRangePoint {
  index: number;
  value: number;
  ucl: number;
  isBeyondLimits: boolean;
}

/** An XmR chart: the individuals chart plus its moving-range chart. */
export interface XmrChart extends ControlChart {
  averageMovingRange: number;
  sigma: number;
  movingRanges: MovingRangePoint[];
  movingRangeUcl: number;
}

/**
 * XmR (individuals and moving range) chart: centre x̄, σ = MR̄/1.128, limits x̄ ± 3σ (= x̄ ± 2.66·MR̄), and a
 * moving-range chart with upper limit 3.267·MR̄. A baseline `centre` and `averageMovingRange` may be given
 * (limits from an earlier, stable period).
 */
export function xmrChart(
  values: readonly number[],
  options: { centre?: number; averageMovingRange?: number } = {},
): XmrChart {
  assertSample('values', values, 2);
  const movingRangeValues = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const centre = options.centre ?? values.reduce((s, v) => s + v, 0) / values.length;
  if (!Number.isFinite(centre)) throw new RangeError(`centre must be finite, got ${centre}`);
  const averageMovingRange =
    options.averageMovingRange ?? movingRangeValues.reduce((s, v) => s + v, 0) / movingRangeValues.length;
  if (!(averageMovingRange >= 0 && Number.isFinite(averageMovingRange))) {
    throw new RangeError(`averageMovingRange must be a finite number >= 0, got ${averageMovingRange}`);
  }
  const sigma = averageMovingRange / D2_MOVING_RANGE;
  const points = values.map((v, i) => makePoint(i, v, centre, sigma, { min: -Infinity, max: Infinity }));
  const movingRangeUcl = D4_MOVING_RANGE * averageMovingRange;
  const movingRanges = movingRangeValues.map((value, i) => ({
    index: i + 1,
    value,
    ucl: movingRangeUcl,
    isBeyondLimits: value > movingRangeUcl,
  }));
  return { kind: 'xmr', centre, points, averageMovingRange, sigma, movingRanges, movingRangeUcl };
}
