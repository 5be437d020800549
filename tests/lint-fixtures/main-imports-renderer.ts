// pretend-path: src/main/cli/bad.ts
// expect: error
const m = await import('../../renderer/src/api.js');
export const x = m;
