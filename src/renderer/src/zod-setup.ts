// Must run before any zod schema is built (import it first). The window's CSP forbids
// eval, and zod's fast path probes `new Function` once; Chromium reports that probe as a
// CSP violation even though zod catches the error. Jitless zod never probes.
import { z } from 'zod';

z.config({ jitless: true });
