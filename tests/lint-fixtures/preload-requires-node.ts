// pretend-path: src/preload/electron/bad.ts
// expect: error
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('fs');
export const x = fs;
