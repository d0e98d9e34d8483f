import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomial, seededRandom } from './simulate.test-support.js';
import { laneyPPrimeChart, pChart, sigmaZone, uChart, xmrChart } from './spc.js';

describe('pChart', () => {
  // Montgomery, Introduction to Statistical Quality Control (6th ed.), Ch. 7: 30 samples of 50 orange-juice cans
  // (R package qcc: data(orangejuice), first 30 samples). p̄ = 347/1500 = 0.2313, UCL 0.4102, LCL 0.0524;
  // samples 15 and 23 are above the UCL.
  const orangeJuice = [
    12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9,
    6,
  ];

  it('reproduces Montgomery’s orange-juice can example', () => {
    const chart = pChart(orangeJuice.map((defects) => ({ defects, n: 50 })));
    expect(chart.kind).toBe('p');
    expect(chart.centre).toBeCloseTo(0.2313, 4);
    expect(chart.points[0]!.ucl).toBeCloseTo(0.4102, 4);
    expect(chart.points[0]!.lcl).toBeCloseTo(0.0524, 4);
    expect(chart.points.filter((p) => p.isBeyondLimits).map((p) => p.index + 1)).toEqual([15, 23]);
    expect(chart.points[14]!.zone).toBe('beyond');
  });

  it('gives each period its own limits: wider for small n, clamped to [0, 1]', () => {
    const chart = pChart([
      { defects: 1, n: 10 },
      { defects: 100, n: 1000 },
      { defects: 9, n: 10 },
    ]);
    const [small, large, extreme] = chart.points;
    expect(small!.ucl - small!.lcl).toBeGreaterThan(large!.ucl - large!.lcl);
    expect(small!.lcl).toBe(0);
    // p̄ = 110/1020; σ for n = 10 is √(0.10784 × 0.89216 / 10) = 0.09809; 0.9 is (0.9 − 0.10784)/0.09809 = 8.08σ out.
    expect(extreme!.z).toBeCloseTo(8.076, 2);
    expect(extreme!.isBeyondLimits).toBe(true);
  });

  it('takes a baseline centre (limits from an earlier stable period)', () => {
    const chart = pChart([{ defects: 30, n: 100 }], { centre: 0.2 });
    expect(chart.centre).toBe(0.2);
    expect(chart.points[0]!.z).toBeCloseTo(0.1 / 0.04, 10);
    expect(() => pChart([{ defects: 1, n: 10 }], { centre: 1 })).toThrow(/centre/);
  });

  it('a process with no defects at all plots every point on the centre line', () => {
    const chart = pChart([
      { defects: 0, n: 10 },
      { defects: 0, n: 20 },
    ]);
    expect(chart.points.map((p) => [p.z, p.zone, p.lcl, p.ucl])).toEqual([
      [0, 'C', 0, 0],
      [0, 'C', 0, 0],
    ]);
  });

  it('rejects impossible samples', () => {
    expect(() => pChart([])).toThrow(/at least one/);
    expect(() => pChart([{ defects: 11, n: 10 }])).toThrow(/cannot exceed/);
    expect(() => pChart([{ defects: 1, n: 0 }])).toThrow(RangeError);
  });

  it('property: 0 <= LCL <= centre <= UCL <= 1, and the zone matches z', () => {
    const sample = fc
      .integer({ min: 1, max: 5000 })
      .chain((n) => fc.record({ n: fc.constant(n), defects: fc.integer({ min: 0, max: n }) }));
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 40 }), (samples) => {
        const chart = pChart(samples);
        for (const p of chart.points) {
          expect(p.lcl).toBeGreaterThanOrEqual(0);
          expect(p.lcl).toBeLessThanOrEqual(p.centre);
          expect(p.ucl).toBeGreaterThanOrEqual(p.centre);
          expect(p.ucl).toBeLessThanOrEqual(1);
          expect(p.zone).toBe(sigmaZone(p.z));
          if (!p.isBeyondLimits) {
            expect(p.value).toBeGreaterThanOrEqual(p.lcl - 1e-12);
            expect(p.value).toBeLessThanOrEqual(p.ucl + 1e-12);
          }
        }
      }),
    );
  });
});

describe('laneyPPrimeChart', () => {
  it('a small example worked by hand', () => {
    // n = 100 each, defects 10, 20, 10, 20: p̄ = 0.15, σ_p = √(0.15 × 0.85 / 100) = 0.0357071.
    // z = ∓0.05/0.0357071 = ∓1.400280; moving ranges all 2.800560, mean 2.800560; σ_z = 2.800560/1.128 = 2.482766.
    // Limits 0.15 ± 3 × 0.0357071 × 2.482766 = 0.15 ± 0.265957 → [0 (clamped), 0.415957].
    const chart = laneyPPrimeChart([10, 20, 10, 20].map((defects) => ({ defects, n: 100 })));
    expect(chart.kind).toBe('laney-p');
    expect(chart.sigmaZ).toBeCloseTo(2.482766, 6);
    expect(chart.points[0]!.ucl).toBeCloseTo(0.415957, 6);
    expect(chart.points[0]!.lcl).toBe(0);
    expect(chart.points[0]!.z).toBeCloseTo(-1.40028 / 2.482766, 5);
  });

  it('with large samples and real period-to-period variation, the p-chart cries wolf and Laney p′ does not', () => {
    // True rate wanders ±1 point around 10% (over-dispersion); n = 20,000 per period.
    const random = seededRandom(2024);
    const samples = Array.from({ length: 60 }, () => {
      const p = 0.1 + (random() - 0.5) * 0.02;
      return { defects: binomial(random, 20_000, p), n: 20_000 };
    });
    const p = pChart(samples).points.filter((x) => x.isBeyondLimits).length;
    const laney = laneyPPrimeChart(samples);
    expect(laney.sigmaZ).toBeGreaterThan(2);
    expect(p).toBeGreaterThan(10);
    expect(laney.points.filter((x) => x.isBeyondLimits).length).toBe(0);
  });

  it('with ordinary binomial data σ_z is close to 1, so it matches the p-chart', () => {
    const random = seededRandom(7);
    const samples = Array.from({ length: 200 }, () => ({ defects: binomial(random, 400, 0.2), n: 400 }));
    expect(laneyPPrimeChart(samples).sigmaZ).toBeGreaterThan(0.85);
    expect(laneyPPrimeChart(samples).sigmaZ).toBeLessThan(1.15);
  });

  it('needs at least two samples', () => {
    expect(() => laneyPPrimeChart([{ defects: 1, n: 10 }])).toThrow(/at least 2/);
  });
});

describe('uChart', () => {
  // Montgomery, Introduction to Statistical Quality Control (6th ed.), Ch. 7: nonconformities in 20 samples of
  // 5 personal computers (R package qcc: data(pcmanufact)). ū = 193/100 = 1.93, UCL 3.79, LCL 0.07; none out.
  const pcs = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5];

  it('reproduces Montgomery’s personal-computer example', () => {
    const chart = uChart(pcs.map((events) => ({ events, exposure: 5 })));
    expect(chart.centre).toBeCloseTo(1.93, 10);
    expect(chart.points[0]!.ucl).toBeCloseTo(3.79, 2);
    expect(chart.points[0]!.lcl).toBeCloseTo(0.07, 2);
    expect(chart.points.some((p) => p.isBeyondLimits)).toBe(false);
  });

  it('reports per 1,000 units without changing any z-score', () => {
    const samples = [
      { events: 12, exposure: 4000 },
      { events: 30, exposure: 5000 },
      { events: 4, exposure: 2500 },
    ];
    const raw = uChart(samples);
    const perThousand = uChart(samples, { per: 1000 });
    expect(perThousand.centre).toBeCloseTo(raw.centre * 1000, 10);
    expect(perThousand.points[1]!.value).toBeCloseTo(6, 10);
    perThousand.points.forEach((p, i) => expect(p.z).toBeCloseTo(raw.points[i]!.z, 10));
    expect(uChart(samples, { per: 1000, centre: 4 }).centre).toBe(4);
  });
});

describe('xmrChart', () => {
  // Montgomery, Introduction to Statistical Quality Control (6th ed.), Ch. 6: weekly mortgage-loan processing
  // costs. x̄ = 300.5, MR̄ = 7.79, limits 321.22 and 279.78; moving-range UCL = 3.267 × 7.79 = 25.45.
  const costs = [
    310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304,
  ];

  it('reproduces Montgomery’s loan-cost example', () => {
    const chart = xmrChart(costs);
    expect(chart.centre).toBeCloseTo(300.5, 10);
    expect(chart.averageMovingRange).toBeCloseTo(7.79, 2);
    expect(chart.points[0]!.ucl).toBeCloseTo(321.22, 2);
    expect(chart.points[0]!.lcl).toBeCloseTo(279.78, 2);
    expect(chart.points[0]!.ucl).toBeCloseTo(300.5 + 2.66 * chart.averageMovingRange, 2);
    expect(chart.movingRangeUcl).toBeCloseTo(25.45, 2);
    expect(chart.movingRanges).toHaveLength(19);
    expect(chart.movingRanges[0]).toEqual({
      index: 1,
      value: 22,
      ucl: chart.movingRangeUcl,
      isBeyondLimits: false,
    });
    expect(chart.points.some((p) => p.isBeyondLimits)).toBe(false);
  });

  it('flags a point beyond 2.66·MR̄ and a moving range beyond 3.267·MR̄', () => {
    const chart = xmrChart([10, 11, 10, 11, 10, 11, 10, 11, 25]);
    expect(chart.points[8]!.isBeyondLimits).toBe(true);
    expect(chart.movingRanges[7]!.isBeyondLimits).toBe(true);
  });

  it('needs two values', () => {
    expect(() => xmrChart([1])).toThrow(/at least 2/);
  });
});
