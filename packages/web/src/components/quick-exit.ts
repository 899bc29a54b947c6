// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Quick exit: leave Obhut at once, leaving as little behind as possible.
 * Order matters: wipe first (cheap, synchronous), blank the page, fire the
 * logout without waiting for it; go back over the entries this page pushed
 * and replace the first of them, so Back afterwards leads to wherever the
 * person was before Obhut; unregister the service worker and delete its
 * caches; then navigate with `location.replace`. Each waiting step gets at
 * most `cleanupBudgetMs`: leaving matters more than tidying.
 */
import { depthOf } from "../router/history-depth";

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
  /** Hides everything on screen at once, before the slower steps. */
  hide?: (() => void) | undefined;
  /** Goes back to the first history entry this page made; resolves when there. */
  rewind?: (() => Promise<unknown>) | undefined;
  /** Unregisters this origin's service workers and deletes its caches. */
  cleanup?: (() => Promise<unknown>) | undefined;
  /** Resolves after the given time; the cleanup gets no longer than `cleanupBudgetMs`. */
  delay?: ((ms: number) => Promise<void>) | undefined;
  cleanupBudgetMs?: number | undefined;
}

/** How long quick exit waits for the service worker and cache cleanup before it leaves anyway. */
export const CLEANUP_BUDGET_MS = 400;

export async function quickExit(env: QuickExitEnv): Promise<void> {
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
  try {
    env.hide?.();
  } catch {
    // Leaving matters more than hiding.
  }
  const bounded = async (step: () => Promise<unknown>) => {
    const work = Promise.resolve()
      .then(step)
      .catch(() => {});
    const budget = env.delay?.(env.cleanupBudgetMs ?? CLEANUP_BUDGET_MS);
    await (budget ? Promise.race([work, budget]) : work);
  };
  if (env.rewind) await bounded(env.rewind);
  env.history?.replaceState(null, "", "/");
  if (env.cleanup) await bounded(env.cleanup);
  env.location?.replace(env.target);
}

/** Unsubscribes push, unregisters every service worker of this origin and deletes all its caches (Cache Storage). */
export async function removeOfflineCopies(
  serviceWorker: Pick<ServiceWorkerContainer, "getRegistrations"> | undefined,
  cacheStorage: Pick<CacheStorage, "keys" | "delete"> | undefined,
): Promise<void> {
  const registrations = serviceWorker ? await serviceWorker.getRegistrations().catch(() => []) : [];
  const cacheNames = cacheStorage ? await cacheStorage.keys().catch(() => []) : [];
  await Promise.allSettled([
    // The push subscription first (ADR 0038); the logout above deletes the server's copy of it.
    ...registrations.map(async (r) => {
      await Promise.resolve(r.pushManager?.getSubscription())
        .then((subscription) => subscription?.unsubscribe())
        .catch(() => {});
      return r.unregister();
    }),
    ...cacheNames.map((name) => cacheStorage!.delete(name)),
  ]);
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

/**
 * The organisation's own target, set by client pages that know which
 * organisation they belong to (agency, enquiry, case); in memory only.
 */
let organisationTarget: string | null = null;

export function setOrganisationExitTarget(target: string | null): void {
  organisationTarget = target;
}

/** Where quick exit leads now: the organisation's target, else the deployment's. */
export function exitTarget(fallback: string): string {
  return organisationTarget ?? fallback;
}

/** Exit using the real browser environment. */
export function quickExitNow(fallback: string): void {
  void quickExit({
    target: exitTarget(fallback),
    storage: window.sessionStorage,
    fetch: window.fetch.bind(window),
    history: window.history,
    location: window.location,
    rewind: () =>
      new Promise<void>((resolve) => {
        const depth = depthOf(window.history.state);
        if (depth === 0) return resolve();
        window.addEventListener("popstate", () => resolve(), { once: true });
        window.history.go(-depth);
      }),
    hide: () => {
      document.documentElement.style.visibility = "hidden";
      document.title = "";
    },
    cleanup: () =>
      removeOfflineCopies(
        "serviceWorker" in navigator ? navigator.serviceWorker : undefined,
        "caches" in window ? window.caches : undefined,
      ),
    delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}

/**
 * If the browser restores this page from the back/forward cache after an
 * exit, leave again before anything is shown.
 */
export function guardBackForwardCache(fallback: string): void {
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && exited) window.location.replace(exitTarget(fallback));
  });
}
