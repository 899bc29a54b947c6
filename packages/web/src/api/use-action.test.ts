// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { ApiError } from "./client";
import { type ActionState, type Loaded, createActionRunner, createLoader, errorCode } from "./use-action";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const abortError = () => new DOMException("aborted", "AbortError");

describe("errorCode", () => {
  it("is the API error's code, and 'error' for anything without one", () => {
    expect(errorCode(new ApiError("forbidden", "no", 403))).toBe("forbidden");
    expect(errorCode(new ApiError("network_error", "offline", 0))).toBe("network_error");
    expect(errorCode(new Error("boom"))).toBe("error");
    expect(errorCode(undefined)).toBe("error");
  });
});

describe("action runner", () => {
  it("goes pending, then holds the result; the next run clears it", async () => {
    const states: ActionState<number>[] = [];
    const runner = createActionRunner<number>((s) => states.push(s));
    expect(await runner.run(() => Promise.resolve(7))).toEqual({ ok: true, value: 7 });
    expect(states).toEqual([
      { pending: true, error: null, result: undefined },
      { pending: false, error: null, result: 7 },
    ]);
    const next = deferred<number>();
    const second = runner.run(() => next.promise);
    expect(states.at(-1)).toEqual({ pending: true, error: null, result: undefined });
    next.resolve(8);
    await second;
    expect(states.at(-1)).toEqual({ pending: false, error: null, result: 8 });
  });

  it("maps a failure to its stable code", async () => {
    const states: ActionState<void>[] = [];
    const runner = createActionRunner<void>((s) => states.push(s));
    const outcome = await runner.run(() => Promise.reject(new ApiError("conflict", "taken", 409)));
    expect(outcome).toEqual({ ok: false, error: "conflict" });
    expect(states.at(-1)).toEqual({ pending: false, error: "conflict", result: undefined });
  });

  it("ignores a second run while one is pending", async () => {
    const runner = createActionRunner<string>(() => {});
    const first = deferred<string>();
    let calls = 0;
    const a = runner.run(() => {
      calls += 1;
      return first.promise;
    });
    const b = runner.run(() => {
      calls += 1;
      return Promise.resolve("second");
    });
    expect(await b).toEqual({ ok: false, ignored: true });
    first.resolve("first");
    expect(await a).toEqual({ ok: true, value: "first" });
    expect(calls).toBe(1);
    // Free again afterwards, also after a failure.
    expect(await runner.run(() => Promise.reject(new Error("x")))).toEqual({ ok: false, error: "error" });
    expect(await runner.run(() => Promise.resolve("third"))).toEqual({ ok: true, value: "third" });
  });

  it("publishes nothing after unmount and tells the caller the answer was ignored", async () => {
    const states: ActionState<number>[] = [];
    const runner = createActionRunner<number>((s) => states.push(s));
    const detach = runner.attach();
    const answer = deferred<number>();
    const running = runner.run(() => answer.promise);
    detach();
    answer.resolve(1);
    expect(await running).toEqual({ ok: false, ignored: true });
    expect(states).toEqual([{ pending: true, error: null, result: undefined }]);
    expect(await runner.run(() => Promise.resolve(2))).toEqual({ ok: false, ignored: true });
    // StrictMode mounts again after the first unmount.
    runner.attach();
    expect(await runner.run(() => Promise.resolve(3))).toEqual({ ok: true, value: 3 });
  });

  it("treats an abort as no failure, and reset forgets the last outcome", async () => {
    const states: ActionState<number>[] = [];
    const runner = createActionRunner<number>((s) => states.push(s));
    expect(await runner.run(() => Promise.reject(abortError()))).toEqual({ ok: false, ignored: true });
    expect(states.at(-1)).toEqual({ pending: false, error: null, result: undefined });
    await runner.run(() => Promise.reject(new ApiError("forbidden", "no", 403)));
    runner.reset();
    expect(states.at(-1)).toEqual({ pending: false, error: null, result: undefined });
  });
});

describe("loader", () => {
  it("loads, fails with a code, and a reload keeps the view until the answer", async () => {
    const states: Loaded<number>[] = [];
    const loader = createLoader<number>((s) => states.push(s));
    await loader.load(() => Promise.resolve(1), "fresh");
    expect(states).toEqual([{ kind: "ready", value: 1 }]);
    const next = deferred<number>();
    const reload = loader.load(() => next.promise, "reload");
    expect(states).toHaveLength(1);
    next.resolve(2);
    await reload;
    expect(states.at(-1)).toEqual({ kind: "ready", value: 2 });
    // A failed reload keeps the view and tells the caller.
    const gone = new ApiError("unauthenticated", "gone", 401);
    await expect(loader.load(() => Promise.reject(gone), "reload")).rejects.toBe(gone);
    expect(states.at(-1)).toEqual({ kind: "ready", value: 2 });
    // New inputs show "loading" first, then the failure.
    await loader.load(() => Promise.reject(gone), "fresh");
    expect(states.slice(-2)).toEqual([{ kind: "loading" }, { kind: "failed", error: "unauthenticated" }]);
    // A reload from a failed view shows its failure as well.
    await expect(loader.load(() => Promise.reject(new Error("x")), "reload")).rejects.toThrow("x");
    expect(states.at(-1)).toEqual({ kind: "failed", error: "error" });
    await loader.load(() => Promise.resolve(3), "reload");
    expect(states.at(-1)).toEqual({ kind: "ready", value: 3 });
  });

  it("keeps the view while loading for changed inputs, and shows a failure", async () => {
    const states: Loaded<number>[] = [];
    const loader = createLoader<number>((s) => states.push(s));
    await loader.load(() => Promise.resolve(1), "fresh");
    const next = deferred<number>();
    const keeping = loader.load(() => next.promise, "keep");
    expect(states).toEqual([{ kind: "ready", value: 1 }]);
    next.reject(new ApiError("invalid_query", "bad", 400));
    await keeping;
    expect(states.at(-1)).toEqual({ kind: "failed", error: "invalid_query" });
  });

  it("drops the answer of an older load and aborts its request", async () => {
    const states: Loaded<string>[] = [];
    const loader = createLoader<string>((s) => states.push(s));
    const old = deferred<string>();
    let oldSignal: AbortSignal | undefined;
    const first = loader.load((signal) => {
      oldSignal = signal;
      return old.promise;
    }, "fresh");
    await loader.load(() => Promise.resolve("new"), "fresh");
    expect(oldSignal?.aborted).toBe(true);
    old.resolve("old");
    await first;
    expect(states).toEqual([{ kind: "ready", value: "new" }]);
  });

  it("drops everything after cancel (unmount), including the abort it causes", async () => {
    const states: Loaded<string>[] = [];
    const loader = createLoader<string>((s) => states.push(s));
    const pending = loader.load(
      (signal) => new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(abortError()))),
      "fresh",
    );
    loader.cancel();
    await pending;
    expect(states).toEqual([]);
  });

  it("set replaces the value, updates it from the old one, and wins over a load in flight", async () => {
    const states: Loaded<number[]>[] = [];
    const loader = createLoader<number[]>((s) => states.push(s));
    loader.set((old) => [...old, 1]);
    expect(states).toEqual([]);
    await loader.load(() => Promise.resolve([1]), "fresh");
    loader.set((old) => [...old, 2]);
    expect(states.at(-1)).toEqual({ kind: "ready", value: [1, 2] });
    const slow = deferred<number[]>();
    const reload = loader.load(() => slow.promise, "reload");
    loader.set([9]);
    slow.resolve([5]);
    await reload;
    expect(states.at(-1)).toEqual({ kind: "ready", value: [9] });
  });
});
