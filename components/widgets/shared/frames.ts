/**
 * Work spread over frames: `afterPaint(fn)` runs `fn` in a task of its own once the browser has
 * drawn the current frame (an animation-frame callback, then a timeout). A large view built in
 * parts this way never holds the main thread for long: each part is laid out and painted before
 * the next one starts.
 */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 16);
}
