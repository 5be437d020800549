// pretend-path: tests/integration/bad.test.ts
// expect: error
// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron');
export const x = electron;
