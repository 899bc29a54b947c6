// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { createEventBus, EventBusClosedError, type BusEvent } from "../../src/infra/events/bus";

describe("in-process event bus", () => {
  it("delivers asynchronously, to every subscriber of the topic only", async () => {
    const bus = await createEventBus();
    expect(bus.kind).toBe("memory");
    const a: BusEvent[] = [];
    const b: BusEvent[] = [];
    const other: BusEvent[] = [];
    bus.subscribe("t", (e) => a.push(e));
    bus.subscribe("t", (e) => b.push(e));
    bus.subscribe("u", (e) => other.push(e));
    const published = bus.publish("t", { type: "hello", n: 1 });
    expect(a).toEqual([]); // not synchronous
    await published;
    await flushMicrotasks();
    expect(a).toEqual([{ type: "hello", n: 1 }]);
    expect(b).toEqual([{ type: "hello", n: 1 }]);
    expect(other).toEqual([]);
    await bus.close();
  });

  it("gives each handler its own copy of the event", async () => {
    const bus = await createEventBus();
    const seen: unknown[] = [];
    bus.subscribe("t", (e) => {
      e.mutated = true;
    });
    bus.subscribe("t", (e) => seen.push(e));
    const event = { type: "x", list: [1] };
    await bus.publish("t", event);
    await flushMicrotasks();
    expect(seen).toEqual([{ type: "x", list: [1] }]);
    expect(event).toEqual({ type: "x", list: [1] });
  });

  it("keeps delivering when a handler throws and reports the error", async () => {
    const errors: Error[] = [];
    const bus = await createEventBus({ onError: (e) => errors.push(e) });
    const seen: string[] = [];
    bus.subscribe("t", () => {
      throw new Error("boom");
    });
    bus.subscribe("t", (e) => seen.push(e.type));
    await bus.publish("t", { type: "one" });
    await bus.publish("t", { type: "two" });
    await flushMicrotasks();
    expect(seen).toEqual(["one", "two"]);
    expect(errors.map((e) => e.message)).toEqual(["boom", "boom"]);
  });

  it("unsubscribes, also for an event already published but not yet delivered", async () => {
    const bus = await createEventBus();
    const seen: string[] = [];
    const off = bus.subscribe("t", (e) => seen.push(e.type));
    await bus.publish("t", { type: "one" });
    await flushMicrotasks();
    const pending = bus.publish("t", { type: "two" });
    off(); // before the microtask that would deliver "two"
    await pending;
    off(); // idempotent
    await flushMicrotasks();
    await bus.publish("t", { type: "three" });
    await flushMicrotasks();
    expect(seen).toEqual(["one"]);
  });

  it("counts published and delivered events", async () => {
    const published: string[] = [];
    const delivered: string[] = [];
    const bus = await createEventBus({
      onPublish: (t) => published.push(t),
      onDeliver: (t) => delivered.push(t),
    });
    bus.subscribe("t", () => undefined);
    bus.subscribe("t", () => undefined);
    await bus.publish("t", { type: "x" });
    await bus.publish("nobody", { type: "x" });
    await flushMicrotasks();
    expect(published).toEqual(["t", "nobody"]);
    expect(delivered).toEqual(["t", "t"]);
  });

  it("rejects events that would not survive Redis and refuses use after close", async () => {
    const bus = await createEventBus();
    await expect(bus.publish("t", { type: "x", big: 1n } as never)).rejects.toThrow(TypeError);
    await expect(bus.publish("t", { notype: 1 } as never)).rejects.toThrow(/type/);
    await bus.ping();
    await bus.close();
    await expect(bus.publish("t", { type: "x" })).rejects.toThrow(EventBusClosedError);
    await expect(bus.ping()).rejects.toThrow(EventBusClosedError);
  });
});

async function flushMicrotasks(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}
