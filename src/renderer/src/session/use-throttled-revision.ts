import { startTransition, useEffect, useState } from 'react';
import type { SessionSource } from './session-source.js';

/**
 * The source's revision, re-rendering at most once per `intervalMs`: tables and summaries
 * of a live run follow it at a readable pace, while the timeline follows every frame on
 * its own, outside React.
 */
export function useThrottledRevision(source: SessionSource | null, intervalMs: number): number {
  const [revision, setRevision] = useState(() => source?.revision() ?? 0);
  useEffect(() => {
    if (!source) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    setRevision(source.revision());
    const stop = source.subscribe(() => {
      if (timer !== null) return;
      timer = setTimeout(
        () => {
          timer = null;
          last = performance.now();
          // A transition: React may pause this re-render to let input and drawing through.
          startTransition(() => setRevision(source.revision()));
        },
        Math.max(0, last + intervalMs - performance.now()),
      );
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [source, intervalMs]);
  return revision;
}
