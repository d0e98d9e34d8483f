/** Anything with a z-score relative to its own centre and sigma, e.g. a ControlPoint from spc.ts. */
export interface RulePoint {
  z: number;
}

/** Which family of run rules to apply. */
export type RuleSet = 'western-electric' | 'nelson';

/** A special-cause signal: the rule, the point that completes the pattern, every point in it, and what it means. */
export interface RuleSignal {
  ruleSet: RuleSet;
  rule: number;
  index: number;
  indices: number[];
  description: string;
}

type Side = 'above' | 'below';
type Detector = (z: readonly number[], i: number) => { indices: number[]; description: string } | null;

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** Rule: the point at i is beyond 3σ. */
const beyondThree: Detector = (z, i) => {
  const v = z[i]!;
  if (!(Math.abs(v) > 3)) return null;
  const side: Side = v > 0 ? 'above' : 'below';
  return {
    indices: [i],
    description: `A point is more than 3 sigma ${side} the centre line (outside the control limits).`,
  };
};

/** Rule: at least `count` of the last `window` points are beyond `sigmas`σ on one side, the point at i among them. */
function countBeyond(count: number, window: number, sigmas: number): Detector {
  return (z, i) => {
    if (i < window - 1) return null;
    const v = z[i]!;
    if (!(Math.abs(v) > sigmas)) return null;
    const sign = Math.sign(v);
    const indices = range(i - window + 1, i).filter(
      (k) => Math.sign(z[k]!) === sign && Math.abs(z[k]!) > sigmas,
    );
    if (indices.length < count) return null;
    const side: Side = sign > 0 ? 'above' : 'below';
    return {
      indices,
      description: `${count} of ${window} points in a row are more than ${sigmas} sigma ${side} the centre line — a likely shift ${sign > 0 ? 'up' : 'down'}.`,
    };
  };
}

/** Rule: the last `run` points are all on the same side of the centre line (a point on it breaks the run). */
function sameSide(run: number): Detector {
  return (z, i) => {
    if (i < run - 1) return null;
    const sign = Math.sign(z[i]!);
    if (sign === 0 || Number.isNaN(sign)) return null;
    const indices = range(i - run + 1, i);
    if (!indices.every((k) => Math.sign(z[k]!) === sign)) return null;
    const side: Side = sign > 0 ? 'above' : 'below';
    return {
      indices,
      description: `${run} points in a row are ${side} the centre line — the process level has likely moved.`,
    };
  };
}

/** Rule: the last `run` points rise (or fall) steadily; equal neighbours break the run. */
function trend(run: number): Detector {
  return (z, i) => {
    if (i < run - 1) return null;
    const indices = range(i - run + 1, i);
    const steps = indices.slice(1).map((k) => z[k]! - z[k - 1]!);
    if (steps.every((d) => d > 0)) {
      return { indices, description: `${run} points in a row are steadily increasing — a trend up.` };
    }
    if (steps.every((d) => d < 0)) {
      return { indices, description: `${run} points in a row are steadily decreasing — a trend down.` };
    }
    return null;
  };
}

/** Rule: the last `run` points alternate up and down. */
function alternating(run: number): Detector {
  return (z, i) => {
    if (i < run - 1) return null;
    const indices = range(i - run + 1, i);
    const steps = indices.slice(1).map((k) => Math.sign(z[k]! - z[k - 1]!));
    const ok = steps.every((s, k) => s !== 0 && !Number.isNaN(s) && (k === 0 || s === -steps[k - 1]!));
    if (!ok) return null;
    return {
      indices,
      description: `${run} points in a row alternate up and down — possibly two alternating sources or over-adjustment.`,
    };
  };
}

/** Rule: the last `run` points are all within 1σ of the centre (hugging it). */
function withinOne(run: number): Detector {
  return (z, i) => {
    if (i < run - 1) return null;
    const indices = range(i - run + 1, i);
    if (!indices.every((k) => Math.abs(z[k]!) <= 1)) return null;
    return {
      indices,
      description: `${run} points in a row are within 1 sigma of the centre line — less variation than the limits assume (mixed or stratified data?).`,
    };
  };
}

/** Rule: the last `run` points are all beyond 1σ, on either side (none near the centre). */
function noneWithinOne(run: number): Detector {
  return (z, i) => {
    if (i < run - 1) return null;
    const indices = range(i - run + 1, i);
    if (!indices.every((k) => Math.abs(z[k]!) > 1)) return null;
    return {
      indices,
      description: `${run} points in a row are more than 1 sigma from the centre line, none near it — possibly a mixture of two processes.`,
    };
  };
}

const WESTERN_ELECTRIC: Readonly<Record<number, Detector>> = {
  1: beyondThree,
  2: countBeyond(2, 3, 2),
  3: countBeyond(4, 5, 1),
  4: sameSide(8),
};

const NELSON: Readonly<Record<number, Detector>> = {
  1: beyondThree,
  2: sameSide(9),
  3: trend(6),
  4: alternating(14),
  5: countBeyond(2, 3, 2),
  6: countBeyond(4, 5, 1),
  7: withinOne(15),
  8: noneWithinOne(8),
};

function applyRules(
  ruleSet: RuleSet,
  detectors: Readonly<Record<number, Detector>>,
  points: readonly RulePoint[],
  rules: readonly number[],
): RuleSignal[] {
  rules.forEach((r) => {
    if (!(r in detectors)) throw new RangeError(`${ruleSet} has no rule ${r}`);
  });
  const z = points.map((p) => p.z);
  const signals: RuleSignal[] = [];
  for (let i = 0; i < z.length; i++) {
    for (const rule of rules) {
      const hit = detectors[rule]!(z, i);
      if (hit) signals.push({ ruleSet, rule, index: i, ...hit });
    }
  }
  return signals;
}

/** Western Electric rules 1–4 (default: all): beyond 3σ; 2 of 3 beyond 2σ; 4 of 5 beyond 1σ; 8 on one side. */
export function westernElectricRules(
  points: readonly RulePoint[],
  options: { rules?: readonly (1 | 2 | 3 | 4)[] } = {},
): RuleSignal[] {
  return applyRules('western-electric', WESTERN_ELECTRIC, points, options.rules ?? [1, 2, 3, 4]);
}

/**
 * Nelson rules 1–8 (default: all): beyond 3σ; 9 on one side; 6 rising or falling; 14 alternating; 2 of 3 beyond
 * 2σ; 4 of 5 beyond 1σ; 15 within 1σ; 8 beyond 1σ on either side.
 */
export function nelsonRules(
  points: readonly RulePoint[],
  options: { rules?: readonly (1 | 2 | 3 | 4 | 5 | 6 | 7 | 8)[] } = {},
): RuleSignal[] {
  return applyRules('nelson', NELSON, points, options.rules ?? [1, 2, 3, 4, 5, 6, 7, 8]);
}

/** Applies one rule set to chart points: Western Electric 1–4 by default, Nelson 1–8 on request. */
export function detectSignals(
  points: readonly RulePoint[],
  ruleSet: RuleSet = 'western-electric',
): RuleSignal[] {
  return ruleSet === 'nelson' ? nelsonRules(points) : westernElectricRules(points);
}
