// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../src/modules/messaging/conversations";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, MsgClient, seedOrganisation, type Frame } from "./support";

/**
 * Model test: random interleavings of sends, abrupt disconnects and
 * reconnects-with-cursor against a real server. A client that does what
 * the protocol asks (retry unacknowledged sends with the same clientMsgId,
 * resubscribe from the last seq it saw) must end with exactly the server's
 * history: same order, no gap, no duplicate, every acknowledged send once.
 */
type Command =
  | { op: "send"; count: number }
  | { op: "dropSender" }
  | { op: "dropReceiver" }
  | { op: "reconnectSender" }
  | { op: "reconnectReceiver" };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("send" as const), count: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: "dropSender" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "dropReceiver" as const }) },
  { weight: 2, arbitrary: fc.constant({ op: "reconnectSender" as const }) },
  { weight: 2, arbitrary: fc.constant({ op: "reconnectReceiver" as const }) },
);

describe.each(DIALECTS)("delivery model (%s)", (dialect) => {
  let server: TestServer;
  let org: string;
  let sender: SeededAccount;
  let receiver: SeededAccount;
  let run = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    org = await seedOrganisation(server.ctx.db.db);
    sender = await seedAccount(server.ctx.db.db, { orgId: org });
    receiver = await seedAccount(server.ctx.db.db, { orgId: org });
  });
  afterAll(async () => server?.stop());

  it("the client's view converges to the server's", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
        run += 1;
        const conv = (
          await createConversation(server.ctx, {
            actor: { accountId: sender.id, kind: "staff", organisationId: org },
            kind: "team",
            memberIds: [receiver.id],
          })
        ).id;
        // Sender state: outbox of unacknowledged client ids, acknowledged seqs.
        const outbox = new Map<string, string>();
        const acked = new Map<string, number>();
        let counter = 0;
        let tx: MsgClient | undefined;
        // Receiver state: its view and a protocol-violation log checked at every frame.
        const view: { seq: number; id: string }[] = [];
        const violations: string[] = [];
        let rx: MsgClient | undefined;
        const inflight: Promise<void>[] = [];

        const transmit = (client: MsgClient, clientMsgId: string) => {
          const done = client.send(conv, clientMsgId, outbox.get(clientMsgId)!).then((f: Frame) => {
            // Rate-limited sends stay in the outbox and are retried like lost ones.
            if (f.type === "error" && f.code === "rate_limited") return;
            if (f.type !== "ack") {
              outbox.delete(clientMsgId);
              return void violations.push(`send refused: ${String(f.code)}`);
            }
            const seq = f.seq as number;
            const before = acked.get(clientMsgId);
            if (before !== undefined && before !== seq)
              violations.push(`retry of ${clientMsgId} got seq ${seq}, first ${before}`);
            acked.set(clientMsgId, seq);
            outbox.delete(clientMsgId);
          });
          // A dropped connection never answers: the send stays in the outbox and is retried.
          inflight.push(Promise.race([done, client.closed.then(() => undefined)]));
        };
        const connectSender = async () => {
          tx = await MsgClient.connect(server.url, sender.cookie);
          for (const id of outbox.keys()) transmit(tx, id);
        };
        const connectReceiver = async () => {
          const client = await MsgClient.connect(server.url, receiver.cookie);
          const cursor = view.at(-1)?.seq ?? 0;
          client.hooks.push((f) => {
            if (f.type !== "message" || rx !== client) return;
            const expected = (view.at(-1)?.seq ?? 0) + 1;
            if (f.seq !== expected) violations.push(`expected seq ${expected}, got ${String(f.seq)}`);
            else view.push({ seq: f.seq as number, id: f.id as string });
          });
          rx = client;
          client.subscribe([{ conversationId: conv, afterSeq: cursor }]);
        };
        await connectSender();
        await connectReceiver();

        for (const c of commands) {
          if (c.op === "send") {
            for (let i = 0; i < c.count; i++) {
              const id = `model-${run}-${counter++}`;
              outbox.set(id, fakeEnvelope(48));
              if (tx) transmit(tx, id);
            }
          } else if (c.op === "dropSender" && tx) {
            tx.ws.terminate();
            tx = undefined;
          } else if (c.op === "dropReceiver" && rx) {
            rx.ws.terminate();
            rx = undefined;
          } else if (c.op === "reconnectSender" && !tx) {
            await connectSender();
          } else if (c.op === "reconnectReceiver") {
            // Reconnect even when connected: a second subscription from a fresh cursor.
            rx?.ws.terminate();
            await connectReceiver();
          }
        }
        // Heal: both online, every unacknowledged send retried until acknowledged.
        if (!tx) await connectSender();
        while (outbox.size) {
          await Promise.all(inflight.splice(0));
          if (outbox.size) {
            tx!.ws.terminate();
            await connectSender();
          }
        }
        await Promise.all(inflight.splice(0));
        if (!rx) await connectReceiver();
        const stored = await server.ctx.db.db
          .selectFrom("messages")
          .select(["seq", "id", "client_msg_id"])
          .where("conversation_id", "=", conv)
          .orderBy("seq")
          .execute();
        await rx!.waitFor(() => view.length >= stored.length || violations.length > 0);
        tx!.ws.terminate();
        rx!.ws.terminate();

        expect(violations).toEqual([]);
        expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => i + 1));
        expect(view).toEqual(stored.map((r) => ({ seq: r.seq, id: r.id })));
        // Every send is stored exactly once, under the seq its ack named.
        expect(stored.length).toBe(counter);
        for (const r of stored) expect(acked.get(r.client_msg_id)).toBe(r.seq);
      }),
      { numRuns: dialect === "sqlite" ? 100 : 40 },
    );
  });
});
