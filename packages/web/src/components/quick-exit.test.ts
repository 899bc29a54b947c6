// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it, vi } from "vitest";
import { createEscapeCounter, hasExited, onQuickExit, quickExit } from "./quick-exit";

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
