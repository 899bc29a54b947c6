// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  AssignCase,
  type BodyOf,
  type CaseView,
  CheckForwarding,
  CloseCase,
  GetCase,
  HandOverCase,
  LiftRestriction,
  ListMyRestrictions,
  ListRestrictions,
  OpenCase,
  OpenNotes,
  RecordCaseExport,
  SendMessage,
  SetRestriction,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRetention } from "../../src/modules/retention/run";
import { DAY_MS } from "../../src/modules/retention/rules";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { sendAs } from "../admin/support";
import { fakeBytes, fakeEpoch, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { api, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Restriction of processing (Art. 18, COMPLIANCE 10): while a case (or its
 * client) is restricted, staff cannot accept, assign, hand over, close,
 * archive, write notes, export or send, the forwarding gate refuses, and
 * retention keeps the case like a legal hold; nothing is deleted. The
 * client is told and can still read and write. Lifting restores all.
 */
describe.each(DIALECTS)("restriction of processing (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;

  const as = (a: { id: string; cookie: string }) =>
    api(async (method, url, body) => {
      const now = clock.now();
      await server.ctx.db.db
        .updateTable("sessions")
        .set({ created_at: now, last_seen_at: now, expires_at: now + 3600_000 })
        .where("account_id", "=", a.id)
        .execute();
      return sendAs(server, a.cookie)(method, url, body);
    });

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo" });
  });
  afterAll(async () => server?.stop());

  async function openCase(client = f.client): Promise<{ caseId: string; conversationId: string }> {
    const body = openCaseBody({ agencyId: f.agencyId, topicId: f.topicId });
    const res = await as(client).call(OpenCase, { body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { caseId: body.caseId, conversationId: body.conversationId };
  }
  const send = (who: { id: string; cookie: string }, conversationId: string) =>
    as(who).call(SendMessage, {
      params: { id: conversationId },
      body: {
        clientMsgId: rid("cm"),
        envelope: fakeBytes(200),
      },
    });

  async function restrict(subject: BodyOf<typeof SetRestriction>["subject"], who = dpo) {
    const res = await as(who).call(SetRestriction, {
      params: { orgId: f.orgId },
      body: { subject, reason: "Richtigkeit bestritten, Prüfung läuft" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { restriction: { id: string } }).restriction.id;
  }

  it("a restricted case is read-only for staff: every processing step is refused with case_restricted, nothing changes", async () => {
    const { caseId, conversationId } = await openCase();
    const restrictionId = await restrict({ type: "case", caseId });
    const refused = async (res: { status: number; body: unknown }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(errorOf(res).code).toBe("case_restricted");
    };
    await refused(await as(f.anna).call(AcceptCase, { params: { caseId } }));
    await refused(await as(f.lead).call(AssignCase, { params: { caseId }, body: { assigneeId: f.anna.id } }));
    await refused(await as(f.lead).call(CloseCase, { params: { caseId } }));
    await refused(await as(f.lead).call(HandOverCase, { params: { caseId }, body: { toAccountId: f.ben.id } }));
    await refused(
      await as(f.lead).call(OpenNotes, {
        params: { caseId },
        body: { conversationId: rid("conv"), epoch: fakeEpoch() },
      }),
    );
    await refused(await as(f.lead).call(RecordCaseExport, { params: { caseId }, body: { messages: 1, notes: 0 } }));
    await refused(await send(f.anna, conversationId));
    await refused(
      await as(f.admin).call(CheckForwarding, {
        body: {
          organisationId: f.orgId,
          caseId,
          purpose: "referral",
          recipient: "Jugendamt Mitte",
          channel: "email",
          legalBasis: "gdpr_6_1_c_legal_obligation",
          reason: "Gerichtliche Anordnung, Az. 12/26",
        },
      }),
    );
    // Reading stays possible; the client can still write into their own conversation.
    expect((await as(f.anna).call(GetCase, { params: { caseId } })).status).toBe(200);
    expect((await send(f.client, conversationId)).status).toBe(201);
    const c = await server.ctx.db.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
    expect(c.state).toBe("new");
    expect(c.assignee_id).toBeNull();
    // The client is told (without the organisation's reason).
    const mine = await as(f.client).call(ListMyRestrictions);
    expect(mine.body).toEqual({ restrictions: [{ organisationId: f.orgId, caseId, since: clock.now() }] });
    expect(JSON.stringify(mine.body)).not.toContain("Richtigkeit");

    // Lifted: work goes on.
    expect((await as(dpo).call(LiftRestriction, { params: { orgId: f.orgId, restrictionId } })).status).toBe(204);
    const accepted = await as(f.anna).call(AcceptCase, { params: { caseId } });
    expect((accepted.body as { case: CaseView }).case.assigneeId).toBe(f.anna.id);
    expect((await send(f.anna, conversationId)).status).toBe(201);
    const actions = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "like", "dsr.restriction%")
      .where("target_id", "=", caseId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["dsr.restriction_set", "dsr.restriction_lifted"]);
  });

  it("a client restriction covers every case of that client with the organisation", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    const one = await openCase(client);
    const two = await openCase(client);
    const id = await restrict({ type: "client", clientId: client.id });
    for (const c of [one, two]) {
      expect((await as(f.anna).call(AcceptCase, { params: { caseId: c.caseId } })).status).toBe(409);
      expect((await send(f.lead, c.conversationId)).status).toBe(409);
    }
    // Twice is refused; a client without a case here does not exist for the organisation.
    expect(
      (
        await as(dpo).call(SetRestriction, {
          params: { orgId: f.orgId },
          body: {
            subject: { type: "client", clientId: client.id },
            reason: "Noch einmal gesperrt",
          },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await as(dpo).call(SetRestriction, {
          params: { orgId: f.orgId },
          body: {
            subject: { type: "client", clientId: f.otherClient.id },
            reason: "Kein Fall bei uns vorhanden",
          },
        })
      ).status,
    ).toBe(404);
    const listed = await as(f.admin).call(ListRestrictions, { params: { orgId: f.orgId } });
    expect((listed.body as { restrictions: { id: string }[] }).restrictions.map((r) => r.id)).toContain(id);
    expect((await as(f.client).call(ListMyRestrictions)).body).toEqual({ restrictions: [] });
    // Counsellors neither set nor see restrictions.
    expect((await as(f.anna).call(ListRestrictions, { params: { orgId: f.orgId } })).status).toBe(403);
    expect((await as(f.stranger).call(ListRestrictions, { params: { orgId: f.orgId } })).status).toBe(404);
    await as(dpo).call(LiftRestriction, { params: { orgId: f.orgId, restrictionId: id } });
    expect((await as(dpo).call(LiftRestriction, { params: { orgId: f.orgId, restrictionId: id } })).status).toBe(404);
  });

  it("retention keeps a restricted closed case past its period, like a legal hold, and deletes it once lifted", async () => {
    const { caseId, conversationId } = await openCase();
    await as(f.anna).call(AcceptCase, { params: { caseId } });
    expect((await as(f.anna).call(CloseCase, { params: { caseId } })).status).toBe(200);
    const id = await restrict({ type: "case", caseId });
    clock.advance(4 * 365 * DAY_MS);
    const rctx = { db: server.ctx.db, blobs: server.ctx.blobs, logger: server.ctx.logger };
    const report = await runRetention(rctx, { now: clock.now(), orgId: f.orgId, via: "cli" });
    expect(report.scopes[0]!.ids.closed_cases ?? []).not.toContain(caseId);
    expect(report.totals.held_cases_kept).toBeGreaterThanOrEqual(1);
    const db = server.ctx.db.db;
    expect(await db.selectFrom("cases").select("id").where("id", "=", caseId).execute()).toHaveLength(1);
    expect(
      await db.selectFrom("messages").select("id").where("conversation_id", "=", conversationId).execute(),
    ).not.toEqual([]);
    await as(dpo).call(LiftRestriction, { params: { orgId: f.orgId, restrictionId: id } });
    const again = await runRetention(rctx, { now: clock.now(), orgId: f.orgId, via: "cli" });
    expect(again.scopes[0]!.ids.closed_cases).toContain(caseId);
    expect(await db.selectFrom("cases").select("id").where("id", "=", caseId).execute()).toEqual([]);
  });
});
