// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import WebSocket from "ws";
import type { Database } from "../../src/infra/db/schema";

/**
 * Factories for messaging tests (accounts come from helpers/factories.ts)
 * and a small WebSocket client that records everything.
 */
export async function seedOrganisation(db: Kysely<Database>, now = Date.now()): Promise<string> {
  const id = `org-${crypto.randomBytes(6).toString("hex")}`;
  await db.insertInto("organisations").values({ id, name: "Träger", root_public_key: null, created_at: now }).execute();
  return id;
}

/** Random sealed-looking bytes, base64url. */
export function fakeEnvelope(size = 300, seed?: number): string {
  const b = seed === undefined ? crypto.randomBytes(size) : Buffer.alloc(size, seed);
  return b.toString("base64url");
}

export interface Frame {
  type: string;
  [key: string]: unknown;
}

export interface WireMessage {
  conversationId: string;
  seq: number;
  id: string;
  senderId: string;
  envelope: string;
}

/** A recording WebSocket client of the messaging protocol. */
export class MsgClient {
  readonly frames: Frame[] = [];
  readonly received = new Map<string, WireMessage[]>();
  readonly closed: Promise<number>;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private pending = new Map<string, ((f: Frame) => void)[]>();
  closeCode: number | undefined;
  /** Run for every frame before waiters are checked, so a waiter can depend on what a hook records. */
  readonly hooks: ((f: Frame) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on("close", (code) => {
        this.closeCode = code;
        resolve(code);
        this.check();
      }),
    );
    ws.on("message", (data) => {
      const f = JSON.parse(data.toString()) as Frame;
      this.frames.push(f);
      if (f.type === "message") {
        const m = f as unknown as WireMessage;
        const list = this.received.get(m.conversationId) ?? [];
        list.push(m);
        this.received.set(m.conversationId, list);
      }
      for (const hook of this.hooks) hook(f);
      const ref =
        f.type === "ack" ? (f.clientMsgId as string) : f.type === "error" ? (f.ref as string | undefined) : undefined;
      if (ref !== undefined) {
        // Answers to sends of one clientMsgId come back in order; resolve the oldest.
        const list = this.pending.get(ref);
        list?.shift()?.(f);
        if (list?.length === 0) this.pending.delete(ref);
      }
      this.check();
    });
  }

  static connect(baseUrl: string, cookie: string): Promise<MsgClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(baseUrl.replace(/^http/, "ws") + "/ws", { headers: { cookie } });
      const client = new MsgClient(ws);
      ws.once("error", reject);
      void client.waitFor(() => client.frames.some((f) => f.type === "hello")).then(() => resolve(client));
      void client.closed.then((code) => reject(new Error(`closed ${code} before hello`)));
    });
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `test` holds (checked after every frame and on close). */
  waitFor(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  messages(conversationId: string): WireMessage[] {
    return this.received.get(conversationId) ?? [];
  }

  subscribe(cursors: { conversationId: string; afterSeq: number }[]): void {
    this.ws.send(JSON.stringify({ type: "subscribe", cursors }));
  }

  /** Sends and resolves with the `ack` or `error` frame for this clientMsgId (never if the socket dies first). */
  send(
    conversationId: string,
    clientMsgId: string,
    envelope: string,
    extra: Record<string, unknown> = {},
  ): Promise<Frame> {
    const p = new Promise<Frame>((resolve) =>
      this.pending.set(clientMsgId, [...(this.pending.get(clientMsgId) ?? []), resolve]),
    );
    this.ws.send(JSON.stringify({ type: "send", clientMsgId, conversationId, envelope, ...extra }));
    return p;
  }

  raw(value: unknown): void {
    this.ws.send(typeof value === "string" ? value : JSON.stringify(value));
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}

/** Asserts a list of seqs is exactly 1..n (no gap, no duplicate, in order). */
export function isGapFree(seqs: number[], from = 1): boolean {
  return seqs.every((s, i) => s === from + i);
}
