// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WS_LIMITS } from "../../src/app/realtime/limits";
import { createConversation } from "../../src/modules/messaging/conversations";
import { verifyAuditLog } from "../../src/modules/dpo/audit-verify";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { MsgClient, seedOrganisation, type Frame } from "../messaging/support";

/**
 * Issue #13: a member refused in a `subscribe` frame used to write one
 * chained audit row per cursor, with no limit on cursors. Now cursors cost
 * tokens of the connection's cursor budget, and repeated refusals of one
 * kind fold into the first row plus one summary row per minute window.
 */
describe.each(DIALECTS)("subscribe flooding (%s)", (dialect) => {
  let server: TestServer;
  let org: string;
  let anna: SeededAccount;
  let ben: SeededAccount;
  const clock = manualClock(Date.UTC(2026, 10, 22, 12, 0, 5));
  const open: MsgClient[] = [];
  const connect = async (a: SeededAccount) => {
    const c = await MsgClient.connect(server.url, a.cookie);
    open.push(c);
    return c;
  };
  const denials = (actorId: string) =>
    server.ctx.db.db
      .selectFrom("audit_events")
      .select(["data", "target_type", "target_id", "created_at"])
      .where("action", "=", "conversation.access_denied")
      .where("actor_id", "=", actorId)
      .orderBy("seq")
      .execute();
  const refusals = (rows: { data: string }[]) =>
    rows.reduce((sum, r) => sum + ((JSON.parse(r.data) as { count?: number }).count ?? 1), 0);
  const errors = (c: MsgClient, code: string) => c.frames.filter((f: Frame) => f.type === "error" && f.code === code);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    org = await seedOrganisation(server.ctx.db.db, clock.now());
    anna = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
    ben = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
  });
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await server?.stop();
  });

  it("bounds the audit rows of 100 subscribe frames with 50 forbidden cursors each and rate-limits the rest", async () => {
    const counsellor = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
    // Conversations the counsellor is not in, and ids of none at all: both are refused and audited.
    const foreign: string[] = [];
    for (let i = 0; i < 5; i++)
      foreign.push(
        (
          await createConversation(server.ctx, {
            actor: { accountId: anna.id, kind: "staff", organisationId: org },
            kind: "team",
            memberIds: [ben.id],
          })
        ).id,
      );
    while (foreign.length < 50) foreign.push(crypto.randomBytes(12).toString("base64url"));
    const cursors = foreign.map((conversationId) => ({ conversationId, afterSeq: 0 }));

    const ws = await connect(counsellor);
    for (let i = 0; i < 100; i++) ws.subscribe(cursors);
    // Every cursor is answered: one not_found per processed cursor, one rate_limited per refused frame.
    await ws.waitFor(() => errors(ws, "not_found").length + 50 * errors(ws, "rate_limited").length === 5000);
    const processed = errors(ws, "not_found").length;
    expect(processed).toBe(Math.floor(WS_LIMITS.subscribeCursorBurst / 50) * 50);
    expect(errors(ws, "rate_limited").length).toBe(100 - processed / 50);
    expect(errors(ws, "rate_limited").every((f) => f.ref === undefined)).toBe(true);

    // Within the minute: the first refusal only; the rest is counted in memory.
    const within = await denials(counsellor.id);
    expect(within).toHaveLength(1);
    expect(JSON.parse(within[0]!.data)).toEqual({ action: "read" });

    // The next minute: the budget has refilled, the summary of the last window is written before the new refusal.
    clock.advance(60_000);
    const later = await connect(counsellor);
    later.subscribe([cursors[0]!]);
    await later.waitFor(() => errors(later, "not_found").length === 1);
    const rows = await denials(counsellor.id);
    expect(rows).toHaveLength(3);
    const summary = JSON.parse(rows[1]!.data) as Record<string, unknown>;
    const windowStart = Date.UTC(2026, 10, 22, 12, 0, 0);
    expect(summary).toEqual({ action: "read", count: processed - 1, windowStart, windowEnd: windowStart + 60_000 });
    // Different conversations were refused in that window: the summary names the kind, not one of them.
    expect([rows[1]!.target_type, rows[1]!.target_id]).toEqual(["conversation", null]);
    expect(refusals(rows)).toBe(processed + 1);
    for (const report of await verifyAuditLog(server.ctx.db.db)) expect(report.problems).toEqual([]);
  });

  it("rate-limits receipt frames and folds their refusals the same way", async () => {
    const counsellor = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
    const id = (
      await createConversation(server.ctx, {
        actor: { accountId: anna.id, kind: "staff", organisationId: org },
        kind: "team",
        memberIds: [ben.id],
      })
    ).id;
    const ws = await connect(counsellor);
    for (let i = 0; i < 300; i++) ws.raw({ type: "read", conversationId: id, seq: 1 });
    await ws.waitFor(() => errors(ws, "not_found").length + errors(ws, "rate_limited").length === 300);
    expect(errors(ws, "not_found")).toHaveLength(WS_LIMITS.sendBurst);
    const rows = await denials(counsellor.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toEqual({ action: "receipt" });
  });
});
