// Pages talk to the service worker (site/scripts/offline/sw.ts) through this:
// one request, one reply on a MessageChannel. Waits for the worker to be
// active, so a button pressed during the very first visit still works.
import type { OfflineReply, OfflineRequest } from './policy.ts';

export const offlineSupported = () => 'serviceWorker' in navigator && 'caches' in window;

export async function askWorker(request: OfflineRequest): Promise<OfflineReply> {
  const registration = await navigator.serviceWorker.ready;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data as OfflineReply);
    registration.active!.postMessage(request, [channel.port2]);
  });
}

/** Asks the browser not to evict the saved guides under storage pressure (Chrome decides silently; no prompt there). */
export const keepStorage = () => navigator.storage?.persist?.().catch(() => false) ?? Promise.resolve(false);
