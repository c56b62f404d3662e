/**
 * The one lifecycle for a widget's saved state: restore once when the widget mounts, then save on
 * every change. Two places to keep it: the page URL (a link reproduces the widget; `./../shared/url-state.ts`)
 * and the browser's storage, per language and page (a reader's answers survive a reload).
 *
 *   urlState('conv', { restore: (text) => …, save: () => encode(config) });
 *   storedState(`${locale}:exercise-1`, { restore: (text) => …, save: () => JSON.stringify(answer) });
 *
 * Call from a component's script (it uses onMount and $effect). `save` is read inside an effect:
 * every state it reads is tracked, so a change saves again; returning null removes the entry.
 */
import { onMount } from 'svelte';
import { readState, writeState } from '../shared/url-state';

export interface StateLifecycle {
  /** Called once on mount with the saved text (null when nothing was saved). */
  restore(saved: string | null): void;
  /** The text to save now, or null for "nothing to keep" (defaults are not saved). */
  save(): string | null;
}

function lifecycle(
  read: () => string | null,
  write: (value: string | null) => void,
  state: StateLifecycle,
): void {
  let restored = $state(false);
  onMount(() => {
    state.restore(read());
    restored = true;
  });
  $effect(() => {
    const value = state.save();
    if (restored) write(value);
  });
}

/** Keeps a widget's state in the page URL under parameter `id`. */
export function urlState(id: string, state: StateLifecycle): void {
  lifecycle(
    () => readState(id),
    (value) => writeState(id, value),
    state,
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
export function storedState(key: string, state: StateLifecycle): void {
  lifecycle(
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
