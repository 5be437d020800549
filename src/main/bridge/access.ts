// Who may talk to the browser bridge: requests addressed to a loopback name (so a DNS
// rebinding page cannot reach it), from our own origin, holding the session cookie that
// only the one-time token in the printed URL can obtain.
import { randomBytes, timingSafeEqual } from 'node:crypto';

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * The Host header must name a loopback address. Any port is accepted, because a user who
 * forwards the bridge with `ssh -L 9000:127.0.0.1:PORT` reaches it as localhost:9000.
 */
export function checkHost(host: string | undefined): AccessVerdict {
  if (!host) return { ok: false, status: 403, reason: 'the request has no Host header' };
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return { ok: false, status: 403, reason: 'the Host header is malformed' };
  }
  if (!LOOPBACK_HOSTNAMES.has(hostname)) return { ok: false, status: 403, reason: `host ${hostname} is not a loopback name` };
  return { ok: true };
}

/** A present Origin must be exactly our own (scheme http, the same Host). */
export function checkOrigin(origin: string | undefined, host: string | undefined, required: boolean): AccessVerdict {
  if (origin === undefined) {
    return required ? { ok: false, status: 403, reason: 'the request has no Origin header' } : { ok: true };
  }
  if (origin !== `http://${host ?? ''}`) return { ok: false, status: 403, reason: `origin ${origin} is foreign` };
  return { ok: true };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class BridgeAccess {
  readonly cookieName: string;
  readonly #sessionSecret = randomBytes(32).toString('base64url');
  #token: string | null = randomBytes(24).toString('base64url');

  constructor(port: number) {
    // Cookies ignore ports; naming ours by port keeps two bridges on one machine apart.
    this.cookieName = `tetherscope_${port}`;
  }

  /** The token for the printed URL; null once it has been traded for the cookie. */
  get token(): string | null {
    return this.#token;
  }

  /** Trades the one-time token for the cookie's value; a second use fails. */
  redeem(token: string): string | null {
    if (this.#token === null || !sameSecret(token, this.#token)) return null;
    this.#token = null;
    return this.#sessionSecret;
  }

  setCookieHeader(value: string): string {
    return `${this.cookieName}=${value}; HttpOnly; SameSite=Strict; Path=/`;
  }

  checkCookie(cookieHeader: string | undefined): AccessVerdict {
    const value = parseCookies(cookieHeader).get(this.cookieName);
    if (value === undefined) {
      return { ok: false, status: 401, reason: 'open the address with the token that `tetherscope serve` printed' };
    }
    if (!sameSecret(value, this.#sessionSecret)) return { ok: false, status: 403, reason: 'the session cookie is not valid' };
    return { ok: true };
  }
}
