import type { Duplex } from 'node:stream';

/**
 * Stops our reader on `stream` so the next protocol (a raw device port, TLS, AFC after
 * house_arrest) can take it over. The caller must attach the next reader synchronously:
 * the stream stays flowing (pausing it would stop a TLS wrap from ever reading). Bytes we
 * read past the last frame are put back first.
 */
export function handOffStream(stream: Duplex, onData: (chunk: Buffer) => void, leftover: Buffer): void {
  stream.removeListener('data', onData);
  if (leftover.length > 0) stream.unshift(leftover);
}
