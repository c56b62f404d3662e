/**
 * Registers the service worker that keeps an offline copy of the course (built by
 * src/integrations/service-worker.ts), and offers a new deploy to the reader.
 *
 * A new deploy's worker precaches its complete set of files and then waits: the open pages keep
 * running the version they were loaded with. The notice lets the reader switch now ("Reload"): the
 * waiting worker is asked to take over, and every page that ran the old version reloads (widgets keep
 * their state in the URL). Otherwise the new version starts on the first visit after every page of
 * the course was closed.
 */

/** True in built sites (set by the service-worker integration), false on the dev server. */
declare const __OFFLINE_COPY__: boolean;

const region = document.querySelector<HTMLElement>('[data-offline-copy]');

/** Shows the "new version" notice; its button hands over to `worker`. */
function offer(worker: ServiceWorker): void {
  const notice = region?.querySelector<HTMLElement>('[data-update-notice]');
  const button = notice?.querySelector<HTMLButtonElement>('[data-update-reload]');
  if (!notice || !button) return;
  notice.hidden = false;
  button.onclick = () => {
    button.disabled = true;
    worker.postMessage({ type: 'SKIP_WAITING' });
  };
}

/** Offers a worker that finished installing while an older one controls this page. */
function watch(registration: ServiceWorkerRegistration): void {
  const waiting = registration.waiting;
  if (waiting && navigator.serviceWorker.controller) offer(waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) offer(installing);
    });
  });
  // A tab left open all day still learns of a redeploy when the reader comes back to it.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => undefined);
  });
}

if (region && 'serviceWorker' in navigator) {
  const base = region.dataset.base ?? '/';
  if (__OFFLINE_COPY__) {
    const controlled = navigator.serviceWorker.controller !== null;
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // Another deploy took over: this page's files belong to the previous one, so it starts again.
      if (!controlled || reloading) return;
      reloading = true;
      window.location.reload();
    });
    const register = (): void => {
      navigator.serviceWorker
        .register(`${base}sw.js`, { scope: base })
        .then(watch)
        // Without a worker (private browsing, blocked by policy) the site simply stays online-only.
        .catch(() => undefined);
    };
    // After the page has loaded, so precaching never competes with what the reader is waiting for.
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  } else {
    // The dev server shares a port with `astro preview`: a worker left by a preview would serve stale files.
    void navigator.serviceWorker
      .getRegistrations()
      .then((all) => Promise.all(all.map((registration) => registration.unregister())))
      .catch(() => undefined);
  }
}
