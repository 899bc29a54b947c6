// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it, vi } from "vitest";
import {
  createEscapeCounter,
  exitTarget,
  hasExited,
  onQuickExit,
  quickExit,
  removeOfflineCopies,
  setOrganisationExitTarget,
} from "./quick-exit";

describe("quick exit", () => {
  it("wipes state and storage, fires logout without waiting, then replaces the location", () => {
    const order: string[] = [];
    const unregister = onQuickExit(() => order.push("wipe"));
    onQuickExit(() => {
      throw new Error("a broken wipe must not stop the exit");
    });
    const never = new Promise<Response>(() => {});
    const fetch = vi.fn(() => {
      order.push("logout");
      return never;
    });
    quickExit({
      target: "https://example.org/neutral",
      storage: { clear: () => order.push("storage") },
      fetch: fetch as unknown as typeof globalThis.fetch,
      history: { replaceState: () => order.push("history") },
      location: { replace: (url: string) => order.push(`replace ${url}`) },
    });
    expect(order).toEqual(["wipe", "storage", "logout", "history", "replace https://example.org/neutral"]);
    expect(fetch).toHaveBeenCalledWith(
      "/api/auth/logout",
      expect.objectContaining({ method: "POST", keepalive: true }),
    );
    expect(hasExited()).toBe(true);
    unregister();
  });

  it("still leaves when storage and fetch throw", () => {
    const replace = vi.fn();
    quickExit({
      target: "https://example.org/",
      storage: {
        clear: () => {
          throw new Error("blocked");
        },
      },
      fetch: (() => {
        throw new Error("offline");
      }) as unknown as typeof globalThis.fetch,
      location: { replace },
    });
    expect(replace).toHaveBeenCalledWith("https://example.org/");
  });

  it("blanks the page, goes back over its own entries, then removes offline copies before it leaves", async () => {
    const order: string[] = [];
    let finishCleanup: () => void = () => {};
    const exit = quickExit({
      target: "https://example.org/",
      hide: () => order.push("hide"),
      rewind: () => {
        order.push("rewind");
        return Promise.resolve();
      },
      history: { replaceState: () => order.push("history") },
      cleanup: () =>
        new Promise<void>((resolve) => {
          order.push("cleanup");
          finishCleanup = () => {
            order.push("cleaned");
            resolve();
          };
        }),
      delay: () => new Promise<void>(() => {}),
      location: { replace: () => order.push("replace") },
    });
    // Hidden and out of history at once; the navigation waits for the cleanup.
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["hide", "rewind", "history", "cleanup"]);
    finishCleanup();
    await exit;
    expect(order).toEqual(["hide", "rewind", "history", "cleanup", "cleaned", "replace"]);
  });

  it("leaves anyway when the cleanup hangs past its budget", async () => {
    const replace = vi.fn();
    let budgetMs = 0;
    let endBudget: () => void = () => {};
    const exit = quickExit({
      target: "https://example.org/",
      cleanup: () => new Promise(() => {}),
      delay: (ms) =>
        new Promise<void>((resolve) => {
          budgetMs = ms;
          endBudget = resolve;
        }),
      cleanupBudgetMs: 250,
      location: { replace },
    });
    await Promise.resolve();
    expect(replace).not.toHaveBeenCalled();
    expect(budgetMs).toBe(250);
    endBudget();
    await exit;
    expect(replace).toHaveBeenCalledWith("https://example.org/");
  });

  it("unregisters every service worker and deletes every cache, even when one fails", async () => {
    const unregistered: string[] = [];
    const deleted: string[] = [];
    const registration = (name: string, fails = false) =>
      ({
        unregister: () => {
          if (fails) return Promise.reject(new Error("busy"));
          unregistered.push(name);
          return Promise.resolve(true);
        },
      }) as unknown as ServiceWorkerRegistration;
    await removeOfflineCopies(
      { getRegistrations: () => Promise.resolve([registration("a", true), registration("b")]) },
      {
        keys: () => Promise.resolve(["obhut-shell-1", "other"]),
        delete: (name: string) => {
          deleted.push(name);
          return Promise.resolve(true);
        },
      },
    );
    expect(unregistered).toEqual(["b"]);
    expect(deleted).toEqual(["obhut-shell-1", "other"]);
    // Browsers without either API: nothing to do, no error.
    await expect(removeOfflineCopies(undefined, undefined)).resolves.toBeUndefined();
  });

  it("leads to the organisation's target while one is set, else to the deployment's", () => {
    expect(exitTarget("https://default.example/")).toBe("https://default.example/");
    setOrganisationExitTarget("https://org.example/kochen");
    expect(exitTarget("https://default.example/")).toBe("https://org.example/kochen");
    setOrganisationExitTarget(null);
    expect(exitTarget("https://default.example/")).toBe("https://default.example/");
  });

  it("Escape counter fires on the third press within the window only", () => {
    let now = 0;
    const count = createEscapeCounter(1500, () => now);
    expect(count()).toBe(false);
    now = 500;
    expect(count()).toBe(false);
    now = 2100; // both earlier presses have expired
    expect(count()).toBe(false);
    now = 2200;
    expect(count()).toBe(false);
    now = 2300;
    expect(count()).toBe(true);
    now = 2400; // the counter starts again after firing
    expect(count()).toBe(false);
  });
});
