// SPDX-License-Identifier: AGPL-3.0-or-later
import { errorCode } from "../api/use-action";

/** Time and timers, injected so the logic runs in unit tests without waiting. */
export interface IdleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The server's answer about the session (GET /api/auth/session): its ends, its idle limit and its clock. */
export interface SessionTimes {
  expiresAt: number;
  absoluteExpiresAt: number;
  idleMs: number;
  now: number;
}

export type EndReason = "idle" | "absolute";

export type IdleState =
  | { kind: "quiet" }
  /** The session ends at `endsAt` unless the person stays (idle) — or in any case (absolute). */
  | { kind: "warning"; reason: EndReason; endsAt: number; idleMs: number; staying: boolean; failed: boolean }
  /** An absolute end the person has seen; it still comes. */
  | { kind: "ending"; endsAt: number }
  | { kind: "ended" };

/** The warning comes this long before the end (issue #16: one minute). */
export const WARN_BEFORE_MS = 60_000;

/**
 * The server moves a session's idle end only when its last move is older than
 * this (SESSION_TOUCH_INTERVAL_MS in modules/identity/session.ts). A request
 * the browser sees therefore proves only `sentAt + idle − this`, and the watch
 * counts with that: it may end a session up to a minute early, never late.
 */
export const TOUCH_INTERVAL_MS = 60_000;

const QUIET: IdleState = { kind: "quiet" };
const SESSION_OVER = new Set(["unauthenticated", "session_expired"]);

export interface IdleWatchDeps {
  clock: IdleClock;
  /** One request for the session's times; it is itself activity, so it also keeps the session. */
  readSession: () => Promise<SessionTimes>;
  /** Ends the session here and on the server (keys wiped, cookie revoked). */
  endSession: () => Promise<void>;
  publish: (state: IdleState) => void;
}

/**
 * The staff idle warning's logic, framework-free. It learns when the session
 * ends from the server, moves that end with every request the app makes (as
 * the server does), warns a minute before, and ends the session itself at
 * the end, so nothing stays on screen. "Angemeldet bleiben" is a real
 * request that the server counts. Times from the server become durations on
 * the browser's clock (measured from when the request was sent), so a wrong
 * clock in the browser does not matter.
 */
export function createIdleWatch(deps: IdleWatchDeps) {
  const { clock } = deps;
  let idleEnd = Number.POSITIVE_INFINITY;
  let absoluteEnd = Number.POSITIVE_INFINITY;
  let idleMs = 0;
  let known = false;
  let stopped = false;
  let state: IdleState = QUIET;
  let timer: unknown = null;

  const show = (next: IdleState) => {
    state = next;
    if (!stopped) deps.publish(next);
  };
  const end = () => Math.min(idleEnd, absoluteEnd);
  const clear = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const arm = (at: number, run: () => void) => {
    clear();
    timer = clock.setTimeout(run, Math.max(0, at - clock.now()));
  };

  function schedule(): void {
    if (stopped || !known) return;
    if (state.kind === "quiet") arm(end() - WARN_BEFORE_MS, warn);
    else if (state.kind === "warning" || state.kind === "ending") arm(state.endsAt, () => void finish());
  }

  function warn(): void {
    // A request since the timer was set may have moved the end.
    if (clock.now() < end() - WARN_BEFORE_MS) return schedule();
    const reason: EndReason = idleEnd < absoluteEnd ? "idle" : "absolute";
    show({ kind: "warning", reason, endsAt: end(), idleMs, staying: false, failed: false });
    schedule();
  }

  async function finish(): Promise<void> {
    if (stopped || state.kind === "ended") return;
    clear();
    show({ kind: "ended" });
    await deps.endSession();
  }

  function learn(times: SessionTimes, sentAt: number): void {
    idleMs = times.idleMs;
    idleEnd = sentAt + (times.expiresAt - times.now);
    absoluteEnd = sentAt + (times.absoluteExpiresAt - times.now);
    known = true;
  }

  async function read(): Promise<void> {
    const sentAt = clock.now();
    learn(await deps.readSession(), sentAt);
  }

  return {
    /** Reads the session's times once; without them there is no warning (the server still ends the session). */
    async start(): Promise<void> {
      try {
        await read();
      } catch {
        return;
      }
      schedule();
    },

    /** A request reached the server (see api/client.ts onServerAnswer). */
    answered(answer: { sentAt: number; status: number }): void {
      // 401: no session was found for it, so nothing moved.
      if (!known || answer.status === 401) return;
      idleEnd = Math.max(idleEnd, answer.sentAt + idleMs - TOUCH_INTERVAL_MS);
      // During a warning only the person can keep the session: the app's own requests do not dismiss it.
      if (state.kind === "quiet") schedule();
    },

    /** "Angemeldet bleiben": one request to the server, then quiet again with the new end. */
    async stay(): Promise<void> {
      if (state.kind !== "warning" || state.reason !== "idle" || state.staying) return;
      const warning = state;
      show({ ...warning, staying: true, failed: false });
      try {
        await read();
      } catch (error) {
        if (stopped || state.kind !== "warning") return;
        if (SESSION_OVER.has(errorCode(error))) return finish();
        show({ ...warning, staying: false, failed: true });
        return;
      }
      if (stopped || state.kind !== "warning") return;
      show(QUIET);
      schedule();
    },

    /** The person has read that the absolute end comes; it still comes. */
    acknowledge(): void {
      if (state.kind === "warning" && state.reason === "absolute") show({ kind: "ending", endsAt: state.endsAt });
    },

    /** "Jetzt abmelden". */
    leave(): Promise<void> {
      return finish();
    },

    stop(): void {
      stopped = true;
      clear();
    },
  };
}

export type IdleWatch = ReturnType<typeof createIdleWatch>;
