// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Registers /sw.js (caching rules documented in packages/web/sw/sw.js).
 * Production builds only: in development Vite serves unhashed modules that
 * must never be cached.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" }).catch(() => {
      // The app works without it; nothing to tell the user.
    });
  });
}
