/**
 * Runs a generator of steps in slices of about `sliceMs` milliseconds, one slice per task, so that a
 * long computation (a 300-layer network's diagnosis) never holds the page for one long task: the
 * browser paints and answers the reader between slices. Calls `done` with the result; returns a
 * cancel function (a newer computation replaces this one).
 */
export function runInSlices<T>(
  steps: Generator<void, T>,
  done: (result: T) => void,
  sliceMs = 8,
): () => void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = () => {
    if (cancelled) return;
    const until = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done === true) {
        done(next.value);
        return;
      }
      if (performance.now() >= until) break;
    }
    timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
