// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Quick exit: leave Obhut at once, leaving as little behind as possible.
 * Order matters: wipe first (cheap, synchronous), then fire the logout
 * without waiting for it, then replace the current history entry and
 * navigate with `location.replace` so Back does not lead to this page.
 */
type Wipe = () => void;
const wipes = new Set<Wipe>();
let exited = false;

/** Registers in-memory state to be cleared on quick exit; returns an unregister function. */
export function onQuickExit(wipe: Wipe): () => void {
  wipes.add(wipe);
  return () => wipes.delete(wipe);
}

export interface QuickExitEnv {
  target: string;
  storage?: Pick<Storage, "clear"> | undefined;
  fetch?: typeof fetch | undefined;
  history?: Pick<History, "replaceState"> | undefined;
  location?: Pick<Location, "replace"> | undefined;
}

export function quickExit(env: QuickExitEnv): void {
  exited = true;
  for (const wipe of wipes) {
    try {
      wipe();
    } catch {
      // One failing wipe must not stop the exit.
    }
  }
  try {
    env.storage?.clear();
  } catch {
    // Storage may be blocked; nothing to clear then.
  }
  try {
    // keepalive lets the request outlive this page; nobody awaits it.
    void env
      .fetch?.("/api/auth/logout", { method: "POST", credentials: "same-origin", keepalive: true })
      .catch(() => {});
  } catch {
    // Best effort only.
  }
  env.history?.replaceState(null, "", "/");
  env.location?.replace(env.target);
}

export function hasExited(): boolean {
  return exited;
}

/** Counts Escape presses; `true` on the third one within `windowMs`. */
export function createEscapeCounter(windowMs = 1500, now: () => number = Date.now) {
  let presses: number[] = [];
  return (): boolean => {
    const t = now();
    presses = presses.filter((p) => t - p <= windowMs);
    presses.push(t);
    if (presses.length >= 3) {
      presses = [];
      return true;
    }
    return false;
  };
}

/** Exit using the real browser environment. */
export function quickExitNow(target: string): void {
  quickExit({
    target,
    storage: window.sessionStorage,
    fetch: window.fetch.bind(window),
    history: window.history,
    location: window.location,
  });
}

/**
 * If the browser restores this page from the back/forward cache after an
 * exit, leave again before anything is shown.
 */
export function guardBackForwardCache(target: string): void {
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && exited) window.location.replace(target);
  });
}
