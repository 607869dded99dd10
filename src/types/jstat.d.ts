/** The part of jstat (no bundled types) that groklab uses. */
declare module "jstat" {
  export const jStat: {
    studentt: { cdf(t: number, df: number): number };
  };
}
