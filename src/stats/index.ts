// Verity's statistics: pure functions, no I/O, shared by server and web.
export * from './proportions.js';
export * from './nps.js';
export * from './means.js';
export * from './tests.js';
export * from './multiple.js';
export * from './sample-size.js';
export * from './spc.js';
export * from './rules.js';
