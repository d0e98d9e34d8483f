/** Default smallest sample behind a shown proportion (CSAT, NPS, complaint rate…); callers may pass their own. */
export const DEFAULT_MINIMUM_SAMPLE = 30;

/** Whether a figure based on n observations may be shown, and if not, why — in words a person can act on. */
export type Reliability = { show: true } | { show: false; reason: string };

/** Decides whether a figure based on `n` observations is shown; below `min` it is hidden with a reason. */
export function reliability(n: number, min = DEFAULT_MINIMUM_SAMPLE, noun = 'responses'): Reliability {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`min must be a positive integer, got ${min}`);
  if (n >= min) return { show: true };
  if (n === 0) return { show: false, reason: `No ${noun} yet; the figure appears once there are ${min}.` };
  return {
    show: false,
    reason: `Only ${n} ${noun}; at least ${min} are needed for a reliable figure, so it is hidden.`,
  };
}

/** A figure travelling with its n: the value when n is large enough, otherwise no value and the reason. */
export type FigureWithN<T> = { n: number; show: true; value: T } | { n: number; show: false; reason: string };

/** Wraps a figure with its n, dropping the value (so a UI cannot show it by accident) when n is below `min`. */
export function figureWithN<T>(
  value: T,
  n: number,
  min = DEFAULT_MINIMUM_SAMPLE,
  noun = 'responses',
): FigureWithN<T> {
  const verdict = reliability(n, min, noun);
  return verdict.show ? { n, show: true, value } : { n, show: false, reason: verdict.reason };
}
