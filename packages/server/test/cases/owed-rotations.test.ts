// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddEpoch,
  type BodyOf,
  CreateConversation,
  DeactivateAccount,
  GetOwedRotations,
  type OwedRotationsView,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { fakeBytes, giveTeamKey, seedCounselling, type CounsellingFixture, openAcceptedCaseWithNotes } from "./support";

/**
 * The console's count of owed epochs (issue #14; ADR 0042) at the API, on both databases: after an offboarding the
 * case conversations, notes and staff chats the person was in are counted as owed, and an administrator who is a
 * member of the case's team gets those case conversations listed to renew them in their browser; a renewed one
 * leaves the count. Epochs that served the day limit are counted apart. Only administrators may ask.
 */
describe.each(DIALECTS)("owed epochs in the console (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let adminLead: SeededAccount;
  const clock = manualClock(Date.now());
  const as = (a: { cookie: string }) => apiAs(server, a);
  const owed = async (who: { cookie: string }, orgId = f.orgId) => {
    const res = await as(who).call(GetOwedRotations, { params: { orgId } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as OwedRotationsView;
  };
  const nextEpoch = (epoch: number, recipientId: string): BodyOf<typeof AddEpoch> => ({
    epoch,
    record: fakeBytes(300),
    wraps: [{ recipientId, wrap: fakeBytes(83) }],
    teamWrap: fakeBytes(83),
    archiveWrap: fakeBytes(83),
  });

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    // An administrator who also leads the team: a member of its cases, so they may renew their epochs.
    adminLead = await seedAccount(server.ctx.db.db, {
      orgId: f.orgId,
      role: "org_admin",
      team: { id: f.teamId, role: "lead" },
      now: clock.now(),
    });
    await giveTeamKey(server.ctx.db.db, {
      orgId: f.orgId,
      teamId: f.teamId,
      memberIds: [adminLead.id],
      createdBy: f.admin.id,
    });
  });
  afterAll(async () => server?.stop());

  const acceptedCase = () => openAcceptedCaseWithNotes(server, f, clock.now());

  it("only administrators may ask, and only for their own organisation", async () => {
    const counsellor = await as(f.anna).call(GetOwedRotations, { params: { orgId: f.orgId } });
    expect(counsellor.status).toBe(403);
    const stranger = await as(f.admin).call(GetOwedRotations, { params: { orgId: rid("org") } });
    expect(stranger.status).toBe(404);
    expect(await owed(f.admin)).toEqual({
      afterDeparture: { cases: 0, chats: 0, adminRemoved: 0 },
      dueByLimit: 0,
      mine: [],
    });
  });

  it("an offboarding: its cases, notes and chats are counted; the lead-admin gets the case conversations to renew", async () => {
    const one = await acceptedCase();
    const two = await acceptedCase();
    // A staff chat of the leaver with epoch 1 (a team chat's epoch names no team; fake bytes will do here).
    const chat = await as(f.ben).call(CreateConversation, { body: { kind: "team", memberIds: [f.lead.id] } });
    expect(chat.status).toBe(201);
    const chatId = (chat.body as { conversation: { id: string } }).conversation.id;
    const first = await as(f.ben).call(AddEpoch, {
      params: { id: chatId },
      body: {
        epoch: 1,
        record: fakeBytes(300),
        wraps: [
          { recipientId: f.ben.id, wrap: fakeBytes(83) },
          { recipientId: f.lead.id, wrap: fakeBytes(83) },
        ],
      },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);

    const off = await as(f.admin).call(DeactivateAccount, { params: { orgId: f.orgId, accountId: f.ben.id } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const after = await owed(f.admin);
    expect(after.afterDeparture).toEqual({ cases: 4, chats: 1, adminRemoved: 0 });
    // The administrator outside the team can open none of them; the one leading it can open all four.
    expect(after.mine).toEqual([]);
    const mine = (await owed(adminLead)).mine;
    expect(mine).toHaveLength(4);
    expect(mine).toEqual(
      expect.arrayContaining([
        { caseId: one.caseId, conversationId: one.conversationId, kind: "case" },
        { caseId: one.caseId, conversationId: one.notesConversationId, kind: "notes" },
        { caseId: two.caseId, conversationId: two.conversationId, kind: "case" },
        { caseId: two.caseId, conversationId: two.notesConversationId, kind: "notes" },
      ]),
    );
    // The chat: ben left it, so the lead's next send is refused until a new epoch.
    const refused = await as(f.lead).call(SendMessage, {
      params: { id: chatId },
      body: { clientMsgId: rid("cm"), envelope: fakeBytes(200) },
    });
    expect(errorOf(refused)).toMatchObject({ code: "epoch_rotation_owed" });

    // The admin's browser renews the team key; the lead-admin's browser renews one case conversation.
    await giveTeamKey(server.ctx.db.db, {
      orgId: f.orgId,
      teamId: f.teamId,
      generation: 2,
      memberIds: [f.lead.id, f.anna.id, adminLead.id],
      createdBy: f.admin.id,
    });
    const renewed = await as(adminLead).call(AddEpoch, {
      params: { id: one.conversationId },
      body: nextEpoch(2, one.client.id),
    });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    const later = await owed(adminLead);
    expect(later.afterDeparture.cases).toBe(3);
    expect(later.mine.map((m) => m.conversationId)).not.toContain(one.conversationId);
  });

  it("epochs past the organisation's day limit are counted apart, as due with the next message", async () => {
    const before = (await owed(f.admin)).dueByLimit;
    clock.advance(31 * 24 * 60 * 60 * 1000);
    // A month later the administrator logs in again.
    const after = await owed(await seedSession(server.ctx.db.db, f.admin.id, clock.now()));
    // Every conversation with an epoch and nothing owed for a departure: at least the one renewed above.
    expect(after.dueByLimit).toBeGreaterThan(before);
    expect(after.afterDeparture.cases).toBe(3);
  });
});
