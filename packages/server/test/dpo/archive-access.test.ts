// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  type ArchiveAccessView,
  type CaseView,
  DecideArchiveAccess,
  GetConversation,
  ListArchiveAccess,
  ListEpochs,
  ListMessages,
  OpenCase,
  RequestArchiveAccess,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditAggregator } from "../../src/core/audit-aggregate";
import { archiveReasonHash } from "../../src/modules/archive-access/archive-access";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Archive access (ADR 0032): an admin who is no member of a case reads its
 * conversation only after asking with a reason and a DPO approving — then
 * exactly history and epochs (with the archive wraps), for an hour on the
 * injected clock. A refused or pending request opens nothing; the audit
 * chain holds the reason's hash; the team lead sees the request and its reason.
 */
describe.each(DIALECTS)("archive access (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  let c: CaseView;
  const clock = manualClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  const as = (a: { cookie: string }) => apiAs(server, a);
  const reason = "Team aufgelöst, alle Schlüssel verloren; Auskunftsersuchen der Klientin";

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo" });
    const res = await as(f.client).call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    c = (res.body as { case: CaseView }).case;
    expect((await as(f.anna).call(AcceptCase, { params: { caseId: c.id } })).status).toBe(200);
  });
  afterAll(async () => server?.stop());

  const reads = async (who: { cookie: string }) => ({
    messages: await as(who).call(ListMessages, { params: { id: c.conversationId } }),
    epochs: await as(who).call(ListEpochs, { params: { id: c.conversationId } }),
  });
  const ask = (who: { cookie: string }, text = reason) =>
    as(who).call(RequestArchiveAccess, { params: { caseId: c.id }, body: { reason: text } });
  const decide = (who: { cookie: string }, requestId: string, approve: boolean) =>
    as(who).call(DecideArchiveAccess, { params: { orgId: f.orgId, requestId }, body: { approve } });
  const list = async (who: { cookie: string }) => {
    const res = await as(who).call(ListArchiveAccess, { params: { orgId: f.orgId } });
    return { status: res.status, requests: (res.body as { requests?: ArchiveAccessView[] }).requests ?? [] };
  };

  it("opens nothing to an admin without a request, with a pending one, or with a refused one", async () => {
    for (const res of Object.values(await reads(f.admin))) expect(res.status).toBe(404);

    // Only admins ask; the reason must say something; another organisation's admin finds no case.
    expect((await ask(f.anna)).status).toBe(403);
    expect((await ask(dpo)).status).toBe(403);
    expect((await ask(f.admin, "weil")).status).toBe(400);
    const otherAdmin = await seedAccount(server.ctx.db.db, { orgId: f.stranger.organisationId, role: "org_admin" });
    expect((await ask(otherAdmin)).status).toBe(404);

    const pending = await ask(f.admin);
    expect(pending.status, JSON.stringify(pending.body)).toBe(201);
    const request = (pending.body as { request: ArchiveAccessView }).request;
    expect(request).toMatchObject({ state: "pending", caseId: c.id, teamId: f.teamId, conversationId: null });
    for (const res of Object.values(await reads(f.admin))) expect(res.status).toBe(404);

    // The admin cannot approve it; the DPO refuses; a decision is final.
    expect((await decide(f.admin, request.id, true)).status).toBe(403);
    const refused = await decide(dpo, request.id, false);
    expect(refused.status).toBe(200);
    expect((refused.body as { request: ArchiveAccessView }).request.state).toBe("refused");
    expect((await decide(dpo, request.id, true)).status).toBe(409);
    for (const res of Object.values(await reads(f.admin))) expect(res.status).toBe(404);
  });

  it("lets the admin read history and epochs with archive wraps for an hour after a DPO approves", async () => {
    const asked = await ask(f.admin);
    const request = (asked.body as { request: ArchiveAccessView }).request;
    const approved = await decide(dpo, request.id, true);
    expect(approved.status).toBe(200);
    const view = (approved.body as { request: ArchiveAccessView }).request;
    expect(view).toMatchObject({ state: "approved", decidedBy: dpo.id, expiresAt: clock.now() + 60 * 60_000 });
    // The conversation id goes to the requester only.
    expect(view.conversationId).toBeNull();
    const mine = (await list(f.admin)).requests.find((r) => r.id === request.id)!;
    expect(mine.conversationId).toBe(c.conversationId);

    const { messages, epochs } = await reads(f.admin);
    expect(messages.status).toBe(200);
    expect((messages.body as { messages: unknown[] }).messages).toHaveLength(1);
    expect(epochs.status).toBe(200);
    const body = epochs.body as { wraps: unknown[]; archiveWraps?: { epoch: number; generation: number }[] };
    expect(body.wraps).toEqual([]);
    expect(body.archiveWraps).toEqual([expect.objectContaining({ epoch: 1, generation: 1 })]);
    // Members see no archive wraps.
    expect((await as(f.anna).call(ListEpochs, { params: { id: c.conversationId } })).body).not.toHaveProperty(
      "archiveWraps",
    );

    // Nothing else: members, sending.
    expect((await as(f.admin).call(GetConversation, { params: { id: c.conversationId } })).status).toBe(404);
    const send = await as(f.admin).call(SendMessage, {
      params: { id: c.conversationId },
      body: { clientMsgId: "cm-aa-0001", envelope: fakeBytes(200) },
    });
    expect(send.status).toBe(404);

    // The chain: the request with the reason's hash (never its text), the approval, the reads.
    await auditAggregator(server.ctx).flush();
    const events = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("target_id", "=", c.id)
      .where("action", "like", "case.archive%")
      .orderBy("seq")
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "case.archive_access_requested",
        "case.archive_access_refused",
        "case.archive_access_approved",
        "case.archive_read",
      ]),
    );
    const requested = events.find((e) => e.action === "case.archive_access_requested")!;
    expect(JSON.parse(requested.data)).toMatchObject({ reasonSha256: archiveReasonHash(reason), teamId: f.teamId });
    expect(events.every((e) => !e.data.includes("Auskunftsersuchen"))).toBe(true);
    const read = events.filter((e) => e.action === "case.archive_read").map((e) => JSON.parse(e.data));
    expect(read).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "conversation.read", requestId: request.id }),
        expect.objectContaining({ action: "conversation.epochs", requestId: request.id }),
      ]),
    );

    // An hour later it is over.
    clock.advance(60 * 60_000);
    for (const res of Object.values(await reads(f.admin))) expect(res.status).toBe(404);
    expect((await list(f.admin)).requests.find((r) => r.id === request.id)).toMatchObject({
      state: "expired",
      conversationId: null,
    });
  });

  it("never lets the requester decide their own request, even after becoming the DPO", async () => {
    const db = server.ctx.db.db;
    const admin2 = await seedAccount(db, { orgId: f.orgId, role: "org_admin" });
    const res = await ask(admin2);
    const request = (res.body as { request: ArchiveAccessView }).request;
    await db.updateTable("accounts").set({ role: "dpo" }).where("id", "=", admin2.id).execute();
    expect((await decide(admin2, request.id, true)).status).toBe(403);
    // Nor can they read with it once someone else approved: they are no admin any more.
    expect((await decide(dpo, request.id, true)).status).toBe(200);
    expect((await as(admin2).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(404);
    await db.updateTable("accounts").set({ role: "org_admin" }).where("id", "=", admin2.id).execute();
    expect((await as(admin2).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(200);
  });

  it("shows the requests with their reason to the team's lead, the DPO and admins, not to other counsellors", async () => {
    const lead = await list(f.lead);
    expect(lead.status).toBe(200);
    expect(lead.requests).toHaveLength(3);
    expect(lead.requests.find((r) => r.requestedBy === f.admin.id)).toMatchObject({
      requestedBy: f.admin.id,
      requesterName: f.admin.username,
      deciderName: dpo.username,
      reason,
      teamId: f.teamId,
    });
    expect((await list(dpo)).requests).toHaveLength(3);
    expect((await list(f.admin)).requests).toHaveLength(3);
    expect((await list(f.ben)).requests).toHaveLength(0);
    expect((await list(f.olga)).requests).toHaveLength(0);
    expect((await list(f.client)).status).toBe(404);
  });
});
