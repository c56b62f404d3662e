/**
 * The one lifecycle for a widget's saved state: restore once when the widget mounts, then save on
 * every change. Two places to keep it: the page URL (a link reproduces the widget; `./../shared/url-state.ts`)
 * and the browser's storage, per language and page (a reader's answers survive a reload).
 *
 *   urlState('conv', { restore: (text) => …, save: () => encode(config) });
 *   storedState(`${locale}:exercise-1`, { restore: (text) => …, save: () => JSON.stringify(answer) });
 *
 * Call from a component's script (it uses onMount and $effect). `save` is read inside an effect:
 * every state it reads is tracked, so a change saves again; returning null removes the entry and
 * returning undefined leaves the saved text as it is (a field holds a value that is not drawn).
 * `restore` may return a promise (a widget that must load its data before it can apply the saved
 * text): nothing is saved until it resolves, and nothing at all if it rejects (the link stays as it was). The returned handle says whether restoring is over, so
 * a widget can hold back work (a simulation run) until its saved state is in place.
 */
import { onMount, untrack } from 'svelte';
import { readState, writeState } from '../shared/url-state';

export interface StateLifecycle {
  /** Called once on mount with the saved text (null when nothing was saved). */
  restore(saved: string | null): void | Promise<void>;
  /** The text to save now; null for "nothing to keep" (defaults are not saved), undefined to keep it. */
  save(): string | null | undefined;
}

export interface SavedState {
  /** True once the saved state has been restored (and saving has begun). */
  readonly restored: boolean;
}

export interface SaveOptions {
  /**
   * Milliseconds to wait after the last change before saving (writing a long address costs a frame, so a
   * widget edited key by key saves once the reader pauses); leaving the page saves at once. Default 0.
   * A function is asked at each change (untracked), for a widget that saves some changes at once
   * and others after a pause.
   */
  delay?: number | (() => number);
}

function lifecycle(
  read: () => string | null,
  write: (value: string | null) => void,
  state: StateLifecycle,
  { delay = 0 }: SaveOptions = {},
): SavedState {
  let restored = $state(false);
  onMount(() => {
    const pending = state.restore(read());
    if (pending === undefined) restored = true;
    else
      void pending.then(
        () => (restored = true),
        () => undefined,
      );
  });
  $effect(() => {
    const value = state.save();
    if (!restored || value === undefined) return;
    const wait = typeof delay === 'function' ? untrack(delay) : delay;
    if (wait <= 0) {
      write(value);
      return;
    }
    const timer = setTimeout(() => write(value), wait);
    const flush = () => write(value);
    window.addEventListener('pagehide', flush);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', flush);
    };
  });
  return {
    get restored() {
      return restored;
    },
  };
}

/** Keeps a widget's state in the page URL under parameter `id`. */
export function urlState(id: string, state: StateLifecycle, options?: SaveOptions): SavedState {
  return lifecycle(
    () => readState(id),
    (value) => writeState(id, value),
    state,
    options,
  );
}

const PREFIX = 'rf-lab:';

/** The storage key for `key` on this page (pages and languages keep apart). */
function storageKey(key: string): string {
  const path = typeof window === 'undefined' ? '' : window.location.pathname;
  return `${PREFIX}${path}:${key}`;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be switched off (private modes, sandboxed frames): the widget still works.
    return null;
  }
}

/** Keeps a widget's state in the browser's storage under `key` (include the locale in it). */
export function storedState(key: string, state: StateLifecycle): SavedState {
  return lifecycle(
    () => {
      try {
        return storage()?.getItem(storageKey(key)) ?? null;
      } catch {
        return null;
      }
    },
    (value) => {
      try {
        if (value === null) storage()?.removeItem(storageKey(key));
        else storage()?.setItem(storageKey(key), value);
      } catch {
        // A full or disabled storage loses the saved copy, never the reader's work on screen.
      }
    },
    state,
  );
}
