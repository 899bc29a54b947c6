// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  type BreakGlassEventView,
  type CaseView,
  GetCase,
  ListBreakGlass,
  ListConsents,
  ListMessages,
  OpenCase,
  RequestBreakGlass,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditAggregator } from "../../src/core/audit-aggregate";
import { reasonHash } from "../../src/modules/dpo/break-glass";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Break glass (ADR 0018): on a case assigned to anna, her colleague ben gets
 * `break_glass_required` for the case, its conversation and its keys until
 * he states a reason; the grant lasts an hour on the injected clock; the
 * lead reads without one and sees ben's reason; the audit chain holds the
 * reason's hash, not its text. New enquiries stay open to the whole team.
 */
describe.each(DIALECTS)("break glass (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  const clock = manualClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  const as = (a: { cookie: string }) => apiAs(server, a);
  const reason = "Vertretung: Anna ist krank, Klientin wartet";

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo" });
  });
  afterAll(async () => server?.stop());

  async function openCase(): Promise<CaseView> {
    const res = await as(f.client).call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { case: CaseView }).case;
  }

  const reads = (c: CaseView) => [
    `/api/cases/${c.id}`,
    `/api/cases/${c.id}/team-wraps`,
    `/api/conversations/${c.conversationId}`,
    `/api/conversations/${c.conversationId}/messages`,
    `/api/conversations/${c.conversationId}/epochs`,
  ];

  it("keeps new enquiries readable by the whole team", async () => {
    const c = await openCase();
    for (const path of reads(c)) expect((await as(f.ben).callRaw("GET", path)).status, path).toBe(200);
  });

  it("refuses a colleague's assigned case without a reason, audits it, and opens it for one hour with one", async () => {
    const c = await openCase();
    expect((await as(f.anna).call(AcceptCase, { params: { caseId: c.id } })).status).toBe(200);

    // The assignee and the team lead read as before.
    for (const who of [f.anna, f.lead])
      for (const path of reads(c)) expect((await as(who).callRaw("GET", path)).status, path).toBe(200);

    // A colleague: a stable error code everywhere, nothing of the case.
    for (const path of reads(c)) {
      const res = await as(f.ben).callRaw("GET", path);
      expect(res.status, path).toBe(403);
      expect(errorOf(res).code).toBe("break_glass_required");
    }
    const send = await as(f.ben).call(SendMessage, {
      params: { id: c.conversationId },
      body: {
        clientMsgId: "cm-bg-0001",
        envelope: fakeBytes(200),
      },
    });
    expect(send.status).toBe(403);
    // Repeated refusals of one kind fold into a summary row with their `count` (core/audit-aggregate.ts).
    await auditAggregator(server.ctx).flush();
    const denied = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "case.access_denied")
      .where("actor_id", "=", f.ben.id)
      .where("target_id", "=", c.id)
      .execute();
    const refusals = denied.reduce((sum, e) => sum + ((JSON.parse(e.data) as { count?: number }).count ?? 1), 0);
    expect(refusals).toBeGreaterThanOrEqual(reads(c).length + 1);
    expect(denied.every((e) => (JSON.parse(e.data) as { reason: string }).reason === "break_glass_required")).toBe(
      true,
    );

    // Someone outside the team cannot even ask; a too-short reason is refused by the schema.
    expect((await as(f.olga).call(RequestBreakGlass, { params: { caseId: c.id }, body: { reason } })).status).toBe(404);
    expect(
      (await as(f.ben).call(RequestBreakGlass, { params: { caseId: c.id }, body: { reason: "weil" } })).status,
    ).toBe(400);

    // Consents and the forwarding gate follow the same rule (need-to-know through case.read).
    const consents = { organisationId: f.orgId, caseId: c.id };
    const refusedConsents = await as(f.ben).call(ListConsents, { query: consents });
    expect(refusedConsents.status).toBe(403);
    expect(errorOf(refusedConsents).code).toBe("break_glass_required");

    const grant = await as(f.ben).call(RequestBreakGlass, { params: { caseId: c.id }, body: { reason } });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    expect((await as(f.ben).call(ListConsents, { query: consents })).status).toBe(200);
    const expiresAt = (grant.body as { grant: { expiresAt: number } }).grant.expiresAt;
    expect(expiresAt).toBe(clock.now() + 60 * 60_000);
    for (const path of reads(c)) expect((await as(f.ben).callRaw("GET", path)).status, path).toBe(200);

    // The chain has the hash of the reason, never the text.
    const event = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "case.break_glass")
      .where("target_id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(f.ben.id);
    expect(JSON.parse(event.data)).toMatchObject({ reasonSha256: reasonHash(reason), assigneeId: f.anna.id });
    expect(event.data).not.toContain("Vertretung");

    // One hour later the grant is over.
    clock.advance(60 * 60_000);
    const after = await as(f.ben).call(GetCase, { params: { caseId: c.id } });
    expect(errorOf(after).code).toBe("break_glass_required");
    expect((await as(f.ben).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(403);
    expect((await as(f.ben).call(ListConsents, { query: consents })).status).toBe(403);
  });

  it("shows the break-glass events to the team's lead, the DPO and admins, not to other counsellors", async () => {
    const list = async (who: { cookie: string }) => {
      const res = await as(who).call(ListBreakGlass, { params: { orgId: f.orgId } });
      return { status: res.status, events: (res.body as { events?: BreakGlassEventView[] }).events ?? [] };
    };
    const lead = await list(f.lead);
    expect(lead.status).toBe(200);
    expect(lead.events).toHaveLength(1);
    expect(lead.events[0]).toMatchObject({ accountId: f.ben.id, username: f.ben.username, reason, teamId: f.teamId });
    expect((await list(dpo)).events).toHaveLength(1);
    expect((await list(f.admin)).events).toHaveLength(1);
    // Counsellors who lead no team see none; another organisation sees nothing at all.
    expect(await list(f.ben)).toEqual({ status: 200, events: [] });
    expect(await list(f.olga)).toEqual({ status: 200, events: [] });
    expect((await list(f.stranger)).status).toBe(404);
    expect((await list(f.client)).status).toBe(404);
  });
});
