// Coalesces many "something changed" signals into at most one run per animation frame,
// so a burst of event batches costs one chart update, not one per batch.

export type RequestFrame = (callback: () => void) => void;

export interface FrameScheduler {
  /** Asks for one run on the next frame; further asks before it runs are free. */
  schedule(): void;
  dispose(): void;
}

const animationFrame: RequestFrame = (callback) => {
  requestAnimationFrame(() => callback());
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
