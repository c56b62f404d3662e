/**
 * Runs `work` in a task after the next frame has painted (a frame callback, then a task), so that
 * whatever the reader just did is on screen before a slower computation starts. Returns a cancel
 * function. Outside a browser with frames (tests in jsdom without them) a short timer stands in.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(work, 16);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => (timer = setTimeout(work)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
