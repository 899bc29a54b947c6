// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SocketLike } from "./realtime";

/** A scriptable WebSocket stand-in: tests open, feed and close it by hand. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  /** Server side: accept and greet. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
    this.push({ type: "hello", protocol: 1, nodeId: "n1" });
  }
  push(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  ofType(type: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.type === type);
  }
}

/** Manual timers: nothing runs until the test says so. */
export class ManualTimers {
  private next = 1;
  readonly timers = new Map<number, { fn: () => void; ms: number }>();
  set = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.set(id, { fn, ms });
    return id;
  };
  clear = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  /** Runs every pending timer once; returns their delays. */
  runAll(): number[] {
    const due = [...this.timers.entries()];
    this.timers.clear();
    for (const [, t] of due) t.fn();
    return due.map(([, t]) => t.ms);
  }
}
