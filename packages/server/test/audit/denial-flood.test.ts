// SPDX-License-Identifier: AGPL-3.0-or-later
import { type AuditEntryView, ExportAuditEntries, GetCase, GetConversation } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/infra/db/connect";
import { verifyAuditLog } from "../../src/modules/dpo/audit-verify";
import { createConversation } from "../../src/modules/messaging/conversations";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Issue #13: refusals over HTTP are as cheap to repeat as over WebSocket.
 * 100 refused requests of one kind leave the first row at once and one
 * summary row with the count of the rest once the minute is over.
 */
describe.each(DIALECTS)("repeated refusals over HTTP (%s)", (dialect) => {
  let server: TestServer;
  let orgId: string;
  let teamId: string;
  let anna: SeededAccount;
  let ben: SeededAccount;
  const clock = manualClock(Date.UTC(2026, 10, 22, 12, 0, 5));
  const windowStart = Date.UTC(2026, 10, 22, 12, 0, 0);
  const as = (a: { cookie: string }) => apiAs(server, a);
  const rows = (action: string, actorId: string) =>
    server.ctx.db.db
      .selectFrom("audit_events")
      .select(["chain", "data", "target_type", "target_id"])
      .where("action", "=", action)
      .where("actor_id", "=", actorId)
      .orderBy("seq")
      .execute();
  const refusals = (list: { data: string }[]) =>
    list.reduce((sum, r) => sum + ((JSON.parse(r.data) as { count?: number }).count ?? 1), 0);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    ({ orgId, teamId } = await seedOrg(server.ctx.db.db, clock.now()));
    anna = await seedAccount(server.ctx.db.db, { orgId, role: "counsellor", now: clock.now() });
    ben = await seedAccount(server.ctx.db.db, { orgId, role: "counsellor", now: clock.now() });
  });
  afterAll(async () => server?.stop());

  it("keeps a client's 100 refused conversation reads in the instance chain to two rows", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const { id } = await createConversation(server.ctx, {
      actor: { accountId: anna.id, kind: "staff", organisationId: orgId },
      kind: "team",
      memberIds: [ben.id],
    });
    for (let i = 0; i < 100; i++) expect((await as(client).call(GetConversation, { params: { id } })).status).toBe(404);
    const within = await rows("conversation.access_denied", client.id);
    expect(within.map((r) => [r.chain, r.target_id, JSON.parse(r.data)])).toEqual([
      ["instance", id, { action: "read" }],
    ]);

    clock.advance(60_000);
    expect((await as(client).call(GetConversation, { params: { id } })).status).toBe(404);
    const after = await rows("conversation.access_denied", client.id);
    expect(after).toHaveLength(3);
    // All 99 folded refusals named the same conversation, so the summary names it too.
    expect([after[1]!.target_type, after[1]!.target_id]).toEqual(["conversation", id]);
    expect(JSON.parse(after[1]!.data)).toEqual({
      action: "read",
      count: 99,
      windowStart,
      windowEnd: windowStart + 60_000,
    });
    expect(refusals(after)).toBe(101);
    for (const report of await verifyAuditLog(server.ctx.db.db)) expect(report.problems).toEqual([]);
  });

  it("keeps a counsellor's 100 refused case reads to one row per minute", async () => {
    const counsellor = await seedAccount(server.ctx.db.db, {
      orgId,
      role: "counsellor",
      team: { id: teamId, role: "member" },
      now: clock.now(),
    });
    const start = clock.now();
    for (let i = 0; i < 100; i++)
      expect((await as(counsellor).call(GetCase, { params: { caseId: rid("case") } })).status).toBe(404);
    expect(await rows("case.access_denied", counsellor.id)).toHaveLength(1);
    clock.set(start + 60_000);
    expect((await as(counsellor).call(GetCase, { params: { caseId: rid("case") } })).status).toBe(404);
    const after = await rows("case.access_denied", counsellor.id);
    expect(after).toHaveLength(3);
    expect(JSON.parse(after[1]!.data)).toMatchObject({ action: "case.read", count: 99 });
    expect(refusals(after)).toBe(101);
    // The DPO's export shows the count.
    const dpo = await seedAccount(server.ctx.db.db, { orgId, role: "dpo", now: clock.now() });
    const exported = await as(dpo).call(ExportAuditEntries, {
      params: { orgId },
      query: { action: "case.access_denied", actorId: counsellor.id },
    });
    expect(exported.status).toBe(200);
    const entries = (exported.body as { entries: AuditEntryView[] }).entries;
    expect(entries.map((e) => e.data.count ?? 1)).toEqual([1, 99, 1]);
    for (const report of await verifyAuditLog(server.ctx.db.db)) expect(report.problems).toEqual([]);
  });

  // Last: it shuts the server down.
  it("writes the count of an open window when the node shuts down", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    for (let i = 0; i < 10; i++)
      expect((await as(client).call(GetConversation, { params: { id: rid("conv") } })).status).toBe(404);
    await server.close();
    const db = connect({ databaseUrl: server.databaseUrl, dataDir: server.dataDir });
    try {
      const list = await db.db
        .selectFrom("audit_events")
        .select(["data", "target_id"])
        .where("actor_id", "=", client.id)
        .orderBy("seq")
        .execute();
      expect(list.map((r) => (JSON.parse(r.data) as { count?: number }).count ?? 1)).toEqual([1, 9]);
      expect(list[1]!.target_id).toBeNull();
    } finally {
      await db.close();
    }
  });
});
