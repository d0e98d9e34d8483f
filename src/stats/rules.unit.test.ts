import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSignals, nelsonRules, westernElectricRules, type RuleSignal } from './rules.js';
import { binomial, seededRandom, standardNormal } from './simulate.test-support.js';
import { pChart, xmrChart } from './spc.js';

const points = (zs: readonly number[]) => zs.map((z) => ({ z }));
const at = (signals: readonly RuleSignal[], rule: number) =>
  signals.filter((s) => s.rule === rule).map((s) => s.index);

describe('westernElectricRules', () => {
  it('rule 1: a point beyond 3σ (exactly 3σ is not beyond)', () => {
    const signals = westernElectricRules(points([0, 3, -3.2, 0.5]));
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ ruleSet: 'western-electric', rule: 1, index: 2, indices: [2] });
    expect(signals[0]!.description).toMatch(/more than 3 sigma below the centre line/);
  });

  it('rule 2: 2 of 3 beyond 2σ on the same side, completed by a point beyond 2σ', () => {
    const signals = westernElectricRules(points([0, 2.5, 0.5, 2.2, 0]), { rules: [2] });
    expect(signals).toEqual([
      expect.objectContaining({
        rule: 2,
        index: 3,
        indices: [1, 3],
        description: expect.stringMatching(/above/),
      }),
    ]);
    expect(westernElectricRules(points([0, 2.5, -2.5]), { rules: [2] })).toEqual([]);
  });

  it('rule 3: 4 of 5 beyond 1σ on the same side', () => {
    const signals = westernElectricRules(points([-1.5, -1.5, 0, -1.5, -1.5]), { rules: [3] });
    expect(signals).toEqual([expect.objectContaining({ rule: 3, index: 4, indices: [0, 1, 3, 4] })]);
    expect(westernElectricRules(points([1.5, 1.5, 0, 0, 1.5]), { rules: [3] })).toEqual([]);
  });

  it('rule 4: 8 in a row on one side, each further point in the run signals again; a point on the line breaks it', () => {
    expect(at(westernElectricRules(points(Array(10).fill(0.4)), { rules: [4] }), 4)).toEqual([7, 8, 9]);
    expect(westernElectricRules(points([0.4, 0.4, 0.4, 0.4, 0, 0.4, 0.4, 0.4, 0.4]), { rules: [4] })).toEqual(
      [],
    );
    const signal = westernElectricRules(points(Array(8).fill(-0.2)))[0]!;
    expect(signal.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(signal.description).toMatch(/8 points in a row are below/);
  });

  it('rejects a rule that does not exist', () => {
    expect(() => westernElectricRules(points([0]), { rules: [5 as 1] })).toThrow(/no rule 5/);
  });
});

describe('nelsonRules', () => {
  it('rule 2: 9 in a row on one side (8 is not enough)', () => {
    expect(at(nelsonRules(points(Array(9).fill(0.3)), { rules: [2] }), 2)).toEqual([8]);
    expect(nelsonRules(points(Array(8).fill(0.3)), { rules: [2] })).toEqual([]);
  });

  it('rule 3: 6 points steadily rising or falling; a flat step breaks it', () => {
    expect(at(nelsonRules(points([0, 0.1, 0.2, 0.3, 0.4, 0.5]), { rules: [3] }), 3)).toEqual([5]);
    expect(nelsonRules(points([1, 0.8, 0.6, 0.4, 0.2, 0]), { rules: [3] })[0]!.description).toMatch(
      /decreasing/,
    );
    expect(nelsonRules(points([0, 0.1, 0.2, 0.2, 0.4, 0.5]), { rules: [3] })).toEqual([]);
  });

  it('rule 4: 14 points alternating up and down (13 are not enough)', () => {
    const zigzag = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 0.5 : -0.5));
    expect(at(nelsonRules(points(zigzag(14)), { rules: [4] }), 4)).toEqual([13]);
    expect(nelsonRules(points(zigzag(13)), { rules: [4] })).toEqual([]);
  });

  it('rules 5 and 6 are Western Electric rules 2 and 3', () => {
    expect(at(nelsonRules(points([0, 2.5, 0.5, 2.2])), 5)).toEqual([3]);
    expect(at(nelsonRules(points([1.5, 1.5, 0, 1.5, 1.5])), 6)).toEqual([4]);
  });

  it('rule 7: 15 in a row within 1σ', () => {
    const hugging = Array.from({ length: 15 }, (_, i) => ((i * 7) % 5) / 10 - 0.2);
    expect(at(nelsonRules(points(hugging), { rules: [7] }), 7)).toEqual([14]);
    expect(nelsonRules(points([...hugging.slice(0, 14), 1.2]), { rules: [7] })).toEqual([]);
  });

  it('rule 8: 8 in a row beyond 1σ on either side, none within', () => {
    const mixture = [1.5, -1.4, 1.2, -1.8, 1.1, -1.3, 1.6, -1.2];
    expect(at(nelsonRules(points(mixture), { rules: [8] }), 8)).toEqual([7]);
    expect(nelsonRules(points([...mixture.slice(0, 7), 0.9]), { rules: [8] })).toEqual([]);
  });

  it('detectSignals uses Western Electric by default and Nelson on request', () => {
    const run = points(Array(9).fill(0.3));
    expect(detectSignals(run).every((s) => s.ruleSet === 'western-electric')).toBe(true);
    expect(detectSignals(run, 'nelson').map((s) => s.rule)).toEqual([2]);
  });
});

describe('run rules on charts with per-point limits', () => {
  it('judges each period against its own limits: the same rate is a signal at n = 2,000 but not at n = 20', () => {
    const chart = pChart([
      ...Array.from({ length: 10 }, () => ({ defects: 200, n: 2000 })),
      { defects: 3, n: 20 },
      { defects: 300, n: 2000 },
    ]);
    const flagged = westernElectricRules(chart.points, { rules: [1] }).map((s) => s.index);
    expect(chart.points[10]!.value).toBeCloseTo(chart.points[11]!.value, 12);
    expect(flagged).toEqual([11]);
  });
});

/** A p-chart series of binomial counts: `before` periods at p, then `after` periods at p + shiftSigmas·σ. */
function simulatePSeries(seed: number, options: { before: number; after: number; shiftSigmas: number }) {
  const n = 200;
  const p = 0.1;
  const sigma = Math.sqrt((p * (1 - p)) / n);
  const random = seededRandom(seed);
  return Array.from({ length: options.before + options.after }, (_, i) => ({
    defects: binomial(random, n, i < options.before ? p : p + options.shiftSigmas * sigma),
    n,
  }));
}

describe('simulated series', () => {
  it('in control (constant p): Western Electric rule 1 false alarms stay near 0.27% per point, below 1%', () => {
    let alarms = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const chart = pChart(simulatePSeries(seed, { before: 500, after: 0, shiftSigmas: 0 }));
      alarms += westernElectricRules(chart.points, { rules: [1] }).length;
      total += chart.points.length;
    }
    expect(total).toBe(20_000);
    expect(alarms / total).toBeLessThan(0.01);
    expect(alarms / total).toBeGreaterThan(0.001); // the rule is live: 0.27% of 20,000 is 54
  });

  it('in control (normal individuals on an XmR chart): rule 1 false alarms below 1%', () => {
    const random = seededRandom(99);
    let alarms = 0;
    for (let series = 0; series < 20; series++) {
      const values = Array.from({ length: 500 }, () => 50 + 4 * standardNormal(random));
      alarms += westernElectricRules(xmrChart(values).points, { rules: [1] }).length;
    }
    expect(alarms / 10_000).toBeLessThan(0.01);
  });

  it('property: a planted +3σ step is flagged soon after the change (limits from the whole series, and from a baseline)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const samples = simulatePSeries(seed, { before: 100, after: 30, shiftSigmas: 3 });
        const afterChange = (s: RuleSignal) => s.index >= 100;
        const whole = westernElectricRules(pChart(samples).points).filter(afterChange);
        expect(whole.length).toBeGreaterThan(0);
        expect(whole[0]!.index).toBeLessThan(120); // within 20 periods of the change
        const baseline = westernElectricRules(pChart(samples, { centre: 0.1 }).points, { rules: [1] });
        expect(baseline.some(afterChange)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
