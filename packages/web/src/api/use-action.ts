// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

/**
 * The one way a component holds request state (ADR 0023). `useAction` runs
 * something the user asked for; `useLoad` loads what a view shows. Both map a
 * failure to its stable code and drop answers nobody waits for any more. The
 * logic lives in two small framework-free runners, so it is unit-tested
 * without a DOM; the hooks only bind them to React state.
 */

/** The stable code of a failure: the server's (or the API client's) code, "error" for anything else. */
export function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return "error";
}

// An abort is the component cancelling its own request, never a failure to show.
const isAbort = (error: unknown) => (error as { name?: unknown } | null)?.name === "AbortError";

export interface ActionState<R> {
  pending: boolean;
  /** Code of the last run's failure (see errorCode), null when it did not fail. */
  error: string | null;
  /** Value of the last successful run; cleared when the next run starts. */
  result: R | undefined;
}
/** What `run` resolves to. `ignored`: a run was pending already, or the component is gone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: string } | { ok: false; ignored: true };

const IDLE: ActionState<never> = { pending: false, error: null, result: undefined };

export function createActionRunner<R>(publish: (state: ActionState<R>) => void) {
  let pending = false;
  let live = true;
  return {
    async run(work: () => Promise<R>): Promise<Outcome<R>> {
      if (pending || !live) return { ok: false, ignored: true };
      pending = true;
      publish({ pending: true, error: null, result: undefined });
      try {
        const value = await work();
        if (!live) return { ok: false, ignored: true };
        publish({ pending: false, error: null, result: value });
        return { ok: true, value };
      } catch (error) {
        if (!live) return { ok: false, ignored: true };
        if (isAbort(error)) {
          publish(IDLE);
          return { ok: false, ignored: true };
        }
        const code = errorCode(error);
        publish({ pending: false, error: code, result: undefined });
        return { ok: false, error: code };
      } finally {
        pending = false;
      }
    },
    /** Forgets the last result or error (not a pending run: its answer still arrives). */
    reset() {
      if (!pending) publish(IDLE);
    },
    /** Mounted (again, under StrictMode); the returned function is the unmount. */
    attach() {
      live = true;
      return () => {
        live = false;
      };
    },
  };
}

/**
 * One request at a time: a second `run` while one is pending is ignored. The
 * latest `fn` is used, so it may close over current props and state.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [state, setState] = useState<ActionState<R>>(IDLE);
  const latest = useRef(fn);
  latest.current = fn;
  const [runner] = useState(() => createActionRunner<R>(setState));
  useEffect(() => runner.attach(), [runner]);
  const run = useCallback((...args: A) => runner.run(() => latest.current(...args)), [runner]);
  return { run, pending: state.pending, error: state.error, result: state.result, reset: runner.reset };
}

export type Loaded<T> = { kind: "loading" } | { kind: "ready"; value: T } | { kind: "failed"; error: string };

export function createLoader<T>(publish: (state: Loaded<T>) => void) {
  let state: Loaded<T> = { kind: "loading" };
  let generation = 0;
  let controller: AbortController | null = null;
  const show = (next: Loaded<T>) => {
    state = next;
    publish(next);
  };
  const cancel = () => {
    generation += 1;
    controller?.abort();
    controller = null;
  };
  return {
    /**
     * Loads; only the newest load's answer counts.
     * - "fresh": what is shown belongs to other inputs: "loading" until the
     *   answer, a failure shows "failed".
     * - "keep": the current view stays until the answer (a changed filter);
     *   a failure shows "failed".
     * - "reload": the current view stays until the answer; if the reload
     *   fails a ready view stays too, and the returned promise rejects so
     *   the caller can say so.
     */
    async load(fn: (signal: AbortSignal) => Promise<T>, mode: "fresh" | "keep" | "reload"): Promise<void> {
      cancel();
      const mine = generation;
      const abort = (controller = new AbortController());
      if (mode === "fresh" && state.kind !== "loading") show({ kind: "loading" });
      try {
        const value = await fn(abort.signal);
        if (mine === generation) show({ kind: "ready", value });
      } catch (error) {
        if (mine !== generation || isAbort(error)) return;
        if (mode !== "reload" || state.kind !== "ready") show({ kind: "failed", error: errorCode(error) });
        if (mode === "reload") throw error;
      }
    },
    /** Replaces the value (e.g. with an action's answer); a load in flight is dropped. */
    set(next: T | ((old: T) => T)) {
      if (typeof next === "function") {
        if (state.kind !== "ready") return;
        next = (next as (old: T) => T)(state.value);
      }
      cancel();
      show({ kind: "ready", value: next });
    },
    /** Unmount or changed inputs: the answer in flight is not wanted. */
    cancel,
  };
}

/**
 * Loads on mount and whenever `deps` change; answers for old inputs or an
 * unmounted component are dropped and their requests aborted. When `deps`
 * change the view shows "loading" again, unless `keep` (e.g. for filters:
 * the list stays until the new one is there). `reload()` keeps the current
 * view until the new answer and rejects when it fails (a ready view then
 * stays as it was).
 */
export function useLoad<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: { keep?: boolean } = {},
) {
  const [state, setState] = useState<Loaded<T>>({ kind: "loading" });
  const latest = useRef(fn);
  latest.current = fn;
  const keep = options.keep === true;
  const [loader] = useState(() => createLoader<T>(setState));
  useEffect(() => {
    void loader.load(latest.current, keep ? "keep" : "fresh");
    return loader.cancel;
    // The caller's deps decide when to load again, as with useEffect.
  }, [loader, keep, ...deps]);
  const reload = useCallback(() => loader.load(latest.current, "reload"), [loader]);
  return { ...state, reload, set: loader.set };
}
