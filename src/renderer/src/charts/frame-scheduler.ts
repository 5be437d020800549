// Coalesces many "something changed" signals into at most one run per animation frame,
// so a burst of event batches costs one chart update, not one per batch.

export type RequestFrame = (callback: () => void) => void;

export interface FrameScheduler {
  /** Asks for one run on the next frame; further asks before it runs are free. */
  schedule(): void;
  dispose(): void;
}

/**
 * Paced by animation frames, but each run is a task of its own: two charts due in the same frame (the timeline
 * and the distribution of a live run) then draw one after the other instead of in one long task.
 */
const animationFrame: RequestFrame = (callback) => {
  requestAnimationFrame(() => setTimeout(callback, 0));
};

export function createFrameScheduler(run: () => void, requestFrame: RequestFrame = animationFrame): FrameScheduler {
  let pending = false;
  let disposed = false;
  return {
    schedule: () => {
      if (pending || disposed) return;
      pending = true;
      requestFrame(() => {
        pending = false;
        if (!disposed) run();
      });
    },
    dispose: () => {
      disposed = true;
    },
  };
}

/** A hand-cranked frame source for tests: frames run only when `flush` is called. */
export function manualFrames(): { requestFrame: RequestFrame; flush(): number } {
  let queue: (() => void)[] = [];
  return {
    requestFrame: (callback) => {
      queue.push(callback);
    },
    flush: () => {
      const due = queue;
      queue = [];
      for (const callback of due) callback();
      return due.length;
    },
  };
}
