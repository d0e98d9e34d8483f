// Minimal types for the parts of jStat (CommonJS, no published types) that src/stats uses.
declare module 'jstat' {
  interface JStatNormal {
    cdf(x: number, mean: number, std: number): number;
    inv(p: number, mean: number, std: number): number;
  }
  interface JStatStudentT {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  interface JStatChiSquare {
    cdf(x: number, dof: number): number;
  }
  interface JStatStatic {
    normal: JStatNormal;
    studentt: JStatStudentT;
    chisquare: JStatChiSquare;
  }
  const jStat: JStatStatic;
  export = jStat;
}
