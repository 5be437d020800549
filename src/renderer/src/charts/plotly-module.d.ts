// plotly.js-strict-dist-min ships no types and no @types package is installed; the
// typed surface the window uses is declared in plotly.ts.
declare module 'plotly.js-strict-dist-min' {
  const plotly: unknown;
  export default plotly;
}
