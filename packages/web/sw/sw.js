// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * Obhut service worker. Caching rule (see docs/adr/0004-web-stack.md):
 *
 *  1. Only same-origin GET requests are ever looked at; everything else goes
 *     straight to the network untouched.
 *  2. Never cached: anything under /api/, the WebSocket endpoint /ws, and any
 *     response that says `Cache-Control: no-store` (or private), is not a
 *     plain 200, or is not same-origin ("basic").
 *  3. Hashed build assets (/assets/name-HASH.ext) are immutable: cache-first.
 *     They contain only the public app code, never user data.
 *  4. Page navigations (index.html, the SPA shell) are network-first; a copy
 *     of the shell is kept only so that the app still opens when offline.
 *  5. Every build has its own cache; older caches are deleted on activation.
 *
 * Push (ADR 0038): a push carries only a kind and the page to open. What is
 * shown is always this worker's own neutral text, in the browser's language
 * ("Neue Nachricht in Obhut"), never anything from the payload; a tap focuses
 * an open Obhut window or opens the app.
 *
 * The build replaces __OBHUT_BUILD_ID__ with a hash of the build output.
 */
const BUILD_ID = "__OBHUT_BUILD_ID__";
const PREFIX = "obhut-shell-";
const CACHE = PREFIX + BUILD_ID;
const SHELL_KEY = "/index.html";
const HASHED_ASSET = /^\/assets\/[\w.-]+-[A-Za-z0-9_-]{8,}\.(?:js|css|svg|png|webp|woff2|wasm)$/;

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPrivatePath(url.pathname)) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirstShell(request));
  } else if (HASHED_ASSET.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

function isPrivatePath(pathname) {
  return pathname.startsWith("/api/") || pathname === "/api" || pathname === "/ws" || pathname.startsWith("/ws/");
}

function isCacheable(response) {
  if (!response || response.status !== 200 || response.type !== "basic") return false;
  const cc = (response.headers.get("Cache-Control") || "").toLowerCase();
  return !cc.includes("no-store") && !cc.includes("private");
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (isCacheable(response)) await cache.put(request, response.clone());
  return response;
}

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    const type = (response.headers.get("Content-Type") || "").toLowerCase();
    if (isCacheable(response) && type.startsWith("text/html")) {
      await cache.put(SHELL_KEY, response.clone());
    }
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL_KEY);
    if (shell) return shell;
    throw error;
  }
}

const NOTICE = {
  de: { title: "Neue Nachricht in Obhut", body: "Zum Öffnen tippen." },
  en: { title: "New message in Obhut", body: "Tap to open." },
};

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const path = data && data.path === "/staff" ? "/staff" : "/";
  const kind = data && typeof data.kind === "string" && /^[a-z_]{1,20}$/.test(data.kind) ? data.kind : "notice";
  const text = (self.navigator.language || "de").toLowerCase().startsWith("en") ? NOTICE.en : NOTICE.de;
  event.waitUntil(
    self.registration.showNotification(text.title, {
      body: text.body,
      // One notice per kind: a second answer replaces the first instead of piling up.
      tag: "obhut-" + kind,
      icon: "/icons/icon-192.png",
      data: { path },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = event.notification.data && event.notification.data.path === "/staff" ? "/staff" : "/";
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.focus();
      return self.clients.openWindow(path);
    })(),
  );
});
