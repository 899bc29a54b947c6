// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { createIdleWatch, type IdleClock, type IdleState, type SessionTimes } from "./idle-watch";

const MIN = 60_000;

/** Timers that run only when the test moves the clock. */
function manualClock(start = 1_000_000) {
  let now = start;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: IdleClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  return {
    clock,
    now: () => now,
    /** Moves time forward, running due timers in order. */
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = target;
    },
  };
}

/** The server's view: a session with an idle limit; each read moves the idle end (the touch). */
function setup(props: { idleMs?: number; absoluteInMs?: number; serverSkewMs?: number } = {}) {
  const time = manualClock();
  const idleMs = props.idleMs ?? 10 * MIN;
  const skew = props.serverSkewMs ?? 0;
  const absolute = time.now() + (props.absoluteInMs ?? 10 * 60 * MIN) + skew;
  const states: IdleState[] = [];
  let reads = 0;
  let ended = 0;
  let failWith: Error | null = null;
  const watch = createIdleWatch({
    clock: time.clock,
    readSession: () => {
      reads += 1;
      if (failWith) return Promise.reject(failWith);
      const serverNow = time.now() + skew;
      const times: SessionTimes = {
        expiresAt: Math.min(serverNow + idleMs, absolute),
        absoluteExpiresAt: absolute,
        idleMs,
        now: serverNow,
      };
      return Promise.resolve(times);
    },
    endSession: () => {
      ended += 1;
      return Promise.resolve();
    },
    publish: (state) => states.push(state),
  });
  return {
    time,
    watch,
    last: () => states.at(-1) ?? { kind: "quiet" },
    reads: () => reads,
    ended: () => ended,
    failNext: (error: Error | null) => {
      failWith = error;
    },
  };
}

describe("idle watch", () => {
  it("warns one minute before the organisation's idle limit and ends the session at the limit", async () => {
    const s = setup({ idleMs: 10 * MIN });
    await s.watch.start();
    s.time.advance(9 * MIN - 1);
    expect(s.last().kind).toBe("quiet");
    s.time.advance(1);
    expect(s.last()).toMatchObject({ kind: "warning", reason: "idle", endsAt: s.time.now() + MIN });
    s.time.advance(MIN - 1);
    expect(s.ended()).toBe(0);
    s.time.advance(1);
    await Promise.resolve();
    expect(s.last().kind).toBe("ended");
    expect(s.ended()).toBe(1);
  });

  it("'stay' asks the server and starts the idle time again", async () => {
    const s = setup({ idleMs: 10 * MIN });
    await s.watch.start();
    s.time.advance(9 * MIN);
    expect(s.last().kind).toBe("warning");
    await s.watch.stay();
    expect(s.reads()).toBe(2);
    expect(s.last().kind).toBe("quiet");
    // The old end passes without anything happening; the next warning comes 9 minutes after 'stay'.
    s.time.advance(9 * MIN - 1);
    expect(s.last().kind).toBe("quiet");
    expect(s.ended()).toBe(0);
    s.time.advance(1);
    expect(s.last().kind).toBe("warning");
  });

  it("moves the end with the app's requests, counting with the server's once-a-minute touch", async () => {
    const s = setup({ idleMs: 10 * MIN });
    await s.watch.start();
    s.time.advance(5 * MIN);
    s.watch.answered({ sentAt: s.time.now(), status: 200 });
    // The server may not have moved its end for this request: a minute is taken off to be safe.
    s.time.advance(8 * MIN - 1);
    expect(s.last().kind).toBe("quiet");
    s.time.advance(1);
    expect(s.last()).toMatchObject({ kind: "warning", endsAt: s.time.now() + MIN });
    // Requests of the app during the warning do not dismiss it: only the person can.
    s.watch.answered({ sentAt: s.time.now(), status: 200 });
    expect(s.last().kind).toBe("warning");
    // An answer without a session (401) moves nothing.
    const fresh = setup({ idleMs: 10 * MIN });
    await fresh.watch.start();
    fresh.watch.answered({ sentAt: fresh.time.now() + 5 * MIN, status: 401 });
    fresh.time.advance(9 * MIN);
    expect(fresh.last().kind).toBe("warning");
  });

  it("counts in durations: a browser clock far off the server's does not matter", async () => {
    const s = setup({ idleMs: 10 * MIN, serverSkewMs: -3 * 60 * MIN });
    await s.watch.start();
    s.time.advance(9 * MIN - 1);
    expect(s.last().kind).toBe("quiet");
    s.time.advance(1);
    expect(s.last().kind).toBe("warning");
  });

  it("before the absolute end it warns without a way to stay, and ends the session then", async () => {
    const s = setup({ idleMs: 10 * MIN, absoluteInMs: 5 * MIN });
    await s.watch.start();
    s.time.advance(4 * MIN);
    expect(s.last()).toMatchObject({ kind: "warning", reason: "absolute" });
    await s.watch.stay();
    expect(s.reads()).toBe(1);
    s.watch.acknowledge();
    expect(s.last().kind).toBe("ending");
    s.time.advance(MIN);
    await Promise.resolve();
    expect(s.ended()).toBe(1);
  });

  it("ends at once when the server says the session is over; keeps warning after a network failure", async () => {
    const s = setup();
    await s.watch.start();
    s.time.advance(9 * MIN);
    s.failNext(new ApiError("network_error", "offline", 0));
    await s.watch.stay();
    expect(s.last()).toMatchObject({ kind: "warning", failed: true, staying: false });
    s.failNext(new ApiError("session_expired", "over", 401));
    await s.watch.stay();
    expect(s.last().kind).toBe("ended");
    expect(s.ended()).toBe(1);
  });

  it("'log out now' ends the session; a stopped watch does nothing more", async () => {
    const s = setup();
    await s.watch.start();
    await s.watch.leave();
    expect(s.ended()).toBe(1);
    const t = setup();
    await t.watch.start();
    t.watch.stop();
    t.time.advance(60 * MIN);
    expect(t.last().kind).toBe("quiet");
    expect(t.ended()).toBe(0);
  });

  it("without the session's times there is no warning", async () => {
    const s = setup();
    s.failNext(new ApiError("network_error", "offline", 0));
    await s.watch.start();
    s.time.advance(60 * MIN);
    expect(s.last().kind).toBe("quiet");
    expect(s.ended()).toBe(0);
  });
});
