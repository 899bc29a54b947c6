// SPDX-License-Identifier: AGPL-3.0-or-later
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { BusEvent } from "../../src/infra/events/bus";
import { REDIS_TEST_URL } from "../helpers/databases";
import { uniquePrefix, waitFor } from "./support";

const fixture = fileURLToPath(new URL("./fixtures/bus-node.ts", import.meta.url));

interface Node {
  child: ChildProcess;
  events: BusEvent[];
  ready: Promise<void>;
  poke: () => void;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill();
});

function startNode(prefix: string, name: string): Node {
  const child = fork(fixture, [REDIS_TEST_URL, prefix, name], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  children.push(child);
  const node: Node = {
    child,
    events: [],
    ready: Promise.resolve(),
    poke: () => undefined,
  };
  node.ready = new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.on("message", (msg: { kind: string; event?: BusEvent }) => {
      if (msg.kind === "ready") resolve();
      if (msg.kind === "event" && msg.event) node.events.push(msg.event);
      node.poke();
    });
  });
  return node;
}

describe("event bus across processes", () => {
  it("two Node processes sharing one Redis receive each other's events once", async () => {
    const prefix = uniquePrefix();
    const a = startNode(prefix, "node-a");
    const b = startNode(prefix, "node-b");
    await Promise.all([a.ready, b.ready]);

    a.child.send({ kind: "publish", type: "hello" });
    b.child.send({ kind: "publish", type: "hello" });
    // Per-publisher ordering in Redis: once both markers arrived, nothing else is in flight.
    a.child.send({ kind: "publish", type: "marker" });
    b.child.send({ kind: "publish", type: "marker" });
    await Promise.all(
      [a, b].map((n) => {
        const w = waitFor(() => n.events.length >= 4, 15_000, "events in child");
        n.poke = w.poke;
        return w.done;
      }),
    );
    for (const n of [a, b]) {
      const hellos = n.events
        .filter((e) => e.type === "hello")
        .map((e) => e.from)
        .sort();
      expect(hellos).toEqual(["node-a", "node-b"]);
      expect(n.events).toHaveLength(4);
    }
    await Promise.all(
      [a, b].map(
        (n) =>
          new Promise<void>((resolve) => {
            n.child.removeAllListeners("exit");
            n.child.once("exit", () => resolve());
            n.child.send({ kind: "exit" });
          }),
      ),
    );
  });
});
