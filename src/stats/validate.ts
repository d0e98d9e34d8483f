// Input checks shared by src/stats. Bad input is a programming error here, so it throws a RangeError
// whose message names the argument and the value; services translate it to a 4xx if it came from a user.

/** Throws unless `value` is a non-negative integer. */
export function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** Throws unless `value` is a positive integer. */
export function assertPositiveCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

/** Throws unless `value` is finite and strictly positive. */
export function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number greater than 0, got ${value}`);
  }
}

/** Throws unless every value is finite and there are at least `min` of them. */
export function assertSample(name: string, values: readonly number[], min: number): void {
  if (values.length < min) {
    throw new RangeError(`${name} needs at least ${min} values, got ${values.length}`);
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad !== -1) throw new RangeError(`${name}[${bad}] must be a finite number, got ${values[bad]}`);
}

/** Throws unless 0 <= successes <= n and both are integers. */
export function assertSuccesses(successes: number, n: number, label = ''): void {
  assertCount(`successes${label}`, successes);
  assertPositiveCount(`n${label}`, n);
  if (successes > n) throw new RangeError(`successes${label} (${successes}) cannot exceed n${label} (${n})`);
}
