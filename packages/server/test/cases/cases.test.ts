// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  AddEpoch,
  ArchiveCase,
  AssignCase,
  type BodyOf,
  type CaseEventView,
  type CaseView,
  CloseCase,
  CreateConversation,
  DeactivateAccount,
  GetAbsence,
  GetMyNotifications,
  GetCase,
  GetConversation,
  HandOverCase,
  ListCaseTeamWraps,
  ListCases,
  ListConversations,
  ListEpochs,
  ListMessages,
  OpenCase,
  OpenNotes,
  RecordCaseExport,
  RequestBreakGlass,
  SendMessage,
  SetAbsence,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncTeamCases } from "../../src/modules/cases/teams";
import { rid, seedAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { MsgClient } from "../messaging/support";
import { fakeBytes, fakeEpoch, openCaseBody, seedCounselling, type CounsellingFixture } from "./support";

type CaseBody = { case: CaseView; events: CaseEventView[] };

describe.each(DIALECTS)("counselling cases (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  const as = (a: { cookie: string }) => apiAs(server, a);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
  });
  afterAll(async () => server?.stop());

  async function open(client = f.client, extra: { preferredCounsellorId?: string } = {}) {
    const body = openCaseBody({ agencyId: f.agencyId, topicId: f.topicId, ...extra });
    const res = await as(client).call(OpenCase, { body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { body, ...(res.body as CaseBody) };
  }

  const caseOf = async (who: { cookie: string }, caseId: string) => as(who).call(GetCase, { params: { caseId } });

  it("opens a case in one step: conversation, members, epoch 1 with team and archive wraps, seq 1, timeline", async () => {
    const { body, case: c, events } = await open(f.client, { preferredCounsellorId: f.anna.id });
    expect(c).toMatchObject({
      id: body.caseId,
      conversationId: body.conversationId,
      state: "new",
      teamId: f.teamId,
      teamName: "Team Familie",
      assigneeId: null,
      clientId: f.client.id,
      clientName: f.client.username,
      preferredCounsellorId: f.anna.id,
      notesConversationId: null,
      addressForm: "informal",
      lastSeq: 1,
      unread: 0,
    });
    expect(c.waitingSince).not.toBeNull();
    expect(events.map((e) => e.type)).toEqual(["opened", "greeting"]);
    expect(events[1]!.text).toContain("Willkommen");
    const db = server.ctx.db.db;
    const members = await db
      .selectFrom("conversation_members")
      .select(["account_id", "role"])
      .where("conversation_id", "=", body.conversationId)
      .execute();
    expect(new Map(members.map((m) => [m.account_id, m.role]))).toEqual(
      new Map([
        [f.client.id, "member"],
        [f.lead.id, "team"],
        [f.anna.id, "team"],
        [f.ben.id, "team"],
      ]),
    );
    const own = await db
      .selectFrom("epoch_key_wraps")
      .selectAll()
      .where("conversation_id", "=", body.conversationId)
      .execute();
    expect(own.map((w) => [w.recipient_account_id, Buffer.from(w.wrap).toString("base64url")])).toEqual([
      [f.client.id, body.epoch.ownWrap],
    ]);
    const team = await db
      .selectFrom("epoch_team_wraps")
      .select(["role", "ref_id", "generation", "wrap"])
      .where("conversation_id", "=", body.conversationId)
      .orderBy("role")
      .execute();
    expect(team.map((w) => [w.role, w.ref_id, w.generation, Buffer.from(w.wrap).toString("base64url")])).toEqual([
      ["archive", f.orgId, 1, body.epoch.archiveWrap],
      ["team", f.teamId, 1, body.epoch.teamWrap],
    ]);
    const history = await as(f.anna).call(ListMessages, { params: { id: body.conversationId } });
    expect((history.body as { messages: { seq: number; envelope: string }[] }).messages).toMatchObject([
      { seq: 1, envelope: body.firstMessage.envelope, senderId: f.client.id },
    ]);
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "organisation_id"])
      .where("target_id", "=", body.caseId)
      .execute();
    expect(audit).toEqual([{ action: "case.opened", organisation_id: f.orgId }]);

    // A retry after a lost response answers with the same case; nothing is duplicated.
    const retry = await as(f.client).call(OpenCase, { body });
    expect(retry.status).toBe(201);
    expect((retry.body as CaseBody).case.lastSeq).toBe(1);
    expect((retry.body as CaseBody).events).toHaveLength(2);
    // Someone else's ids are not reusable.
    expect((await as(f.otherClient).call(OpenCase, { body })).status).toBe(409);
  });

  it("refuses enquiries staff send, to agencies without a keyed intake team, with foreign topics or counsellors", async () => {
    const body = () => openCaseBody({ agencyId: f.agencyId, topicId: f.topicId });
    expect((await as(f.anna).call(OpenCase, { body: body() })).status).toBe(403);
    expect((await as(f.client).call(OpenCase, { body: { ...body(), topicId: rid("top") } })).status).toBe(400);
    expect((await as(f.client).call(OpenCase, { body: { ...body(), preferredCounsellorId: f.olga.id } })).status).toBe(
      400,
    );
    expect((await as(f.client).call(OpenCase, { body: { ...body(), agencyId: rid("agy") } })).status).toBe(404);
    // A failed enquiry leaves nothing behind.
    const b = { ...body(), topicId: rid("top") };
    await as(f.client).call(OpenCase, { body: b });
    const db = server.ctx.db.db;
    expect(await db.selectFrom("conversations").select("id").where("id", "=", b.conversationId).execute()).toEqual([]);
  });

  it("shows clients only their own cases and staff only their teams' cases", async () => {
    const { case: c } = await open(f.otherClient);
    const mine = (await as(f.client).call(ListCases)).body as { cases: CaseView[] };
    expect(mine.cases.every((x) => x.clientId === f.client.id)).toBe(true);
    expect(mine.cases.some((x) => x.id === c.id)).toBe(false);
    expect((await caseOf(f.client, c.id)).status).toBe(404);
    expect((await caseOf(f.otherClient, c.id)).status).toBe(200);
    for (const outsider of [f.olga, f.stranger, f.admin]) {
      expect((await caseOf(outsider, c.id)).status, outsider.id).toBe(404);
      const list = (await as(outsider).call(ListCases, { query: { scope: "all" } })).body as { cases: CaseView[] };
      expect(list.cases.some((x) => x.id === c.id)).toBe(false);
    }
    const newOnes = (await as(f.ben).call(ListCases, { query: { scope: "new" } })).body as { cases: CaseView[] };
    expect(newOnes.cases.some((x) => x.id === c.id)).toBe(true);
    const staffView = newOnes.cases.find((x) => x.id === c.id)!;
    expect(staffView).toMatchObject({ clientName: f.otherClient.username, unread: 1 });
    expect((await as(f.ben).call(ListCases, { query: { scope: "mine" } })).body).toMatchObject({ cases: [] });
    const filtered = (await as(f.ben).call(ListCases, { query: { state: "active", teamId: f.teamId } })).body as {
      cases: CaseView[];
    };
    expect(filtered.cases.some((x) => x.id === c.id)).toBe(false);
  });

  it("lets exactly one of several colleagues accept an enquiry; the others learn who took it", async () => {
    const { case: c } = await open();
    const results = await Promise.all(
      [f.anna, f.ben, f.lead].map((a) => as(a).call(AcceptCase, { params: { caseId: c.id } })),
    );
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    const winner = (won[0]!.body as { case: CaseView }).case;
    expect(winner.state).toBe("active");
    for (const r of lost) {
      const err = errorOf(r);
      expect(err.code).toBe("case_taken");
      expect(err.message).toContain(winner.assigneeName!);
    }
    const events = ((await caseOf(f.client, c.id)).body as CaseBody).events;
    expect(events.filter((e) => e.type === "accepted")).toHaveLength(1);
  });

  it("assigns (team lead only), hands over within the team, closes, reopens when the client writes, archives", async () => {
    const { case: c } = await open();
    expect(
      (await as(f.anna).call(AssignCase, { params: { caseId: c.id }, body: { assigneeId: f.ben.id } })).status,
    ).toBe(403);
    expect(
      (await as(f.lead).call(AssignCase, { params: { caseId: c.id }, body: { assigneeId: f.olga.id } })).status,
    ).toBe(400);
    const assigned = await as(f.lead).call(AssignCase, { params: { caseId: c.id }, body: { assigneeId: f.anna.id } });
    expect((assigned.body as { case: CaseView }).case).toMatchObject({
      state: "active",
      assigneeName: "Anna Beispiel",
    });
    // Only the assignee (or the lead) may hand over or close.
    expect((await as(f.ben).call(CloseCase, { params: { caseId: c.id } })).status).toBe(403);
    const handed = await as(f.anna).call(HandOverCase, { params: { caseId: c.id }, body: { toAccountId: f.ben.id } });
    expect((handed.body as { case: CaseView }).case.assigneeId).toBe(f.ben.id);
    expect((await as(f.ben).call(ArchiveCase, { params: { caseId: c.id } })).status).toBe(409);

    // Staff answer stops the waiting clock; a client message starts it again.
    const send = (who: { cookie: string }) =>
      as(who).call(SendMessage, {
        params: { id: c.conversationId },
        body: {
          clientMsgId: rid("cm"),
          envelope: fakeBytes(50),
        },
      });
    expect((await send(f.ben)).status).toBe(201);
    expect(((await caseOf(f.ben, c.id)).body as CaseBody).case.waitingSince).toBeNull();
    expect((await send(f.client)).status).toBe(201);
    expect(((await caseOf(f.ben, c.id)).body as CaseBody).case.waitingSince).not.toBeNull();

    const closed = await as(f.ben).call(CloseCase, { params: { caseId: c.id } });
    expect((closed.body as { case: CaseView }).case).toMatchObject({ state: "closed" });
    expect((await as(f.ben).call(CloseCase, { params: { caseId: c.id } })).status).toBe(409);
    // The client reopens by writing — over the WebSocket too.
    const ws = await MsgClient.connect(server.url, f.client.cookie);
    const ack = await ws.send(c.conversationId, rid("cm"), fakeBytes(60));
    expect(ack.type).toBe("ack");
    const reopened = ((await caseOf(f.ben, c.id)).body as CaseBody).case;
    expect(reopened).toMatchObject({ state: "active", closedAt: null });
    const events = ((await caseOf(f.client, c.id)).body as CaseBody).events;
    expect(events.map((e) => e.type)).toEqual(["opened", "greeting", "assigned", "handed_over", "closed", "reopened"]);
    expect(events.find((e) => e.type === "assigned")).toMatchObject({
      actorId: f.lead.id,
      assigneeId: f.anna.id,
      assigneeName: "Anna Beispiel",
    });

    await as(f.lead).call(CloseCase, { params: { caseId: c.id } });
    const archived = await as(f.lead).call(ArchiveCase, { params: { caseId: c.id } });
    expect((archived.body as { case: CaseView }).case.state).toBe("archived");
    // Archived cases are read-only for everyone, on both transports.
    const refused = await send(f.client);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe("case_state");
    const wsRefused = await ws.send(c.conversationId, rid("cm"), fakeBytes(60));
    expect(wsRefused).toMatchObject({ type: "error", code: "case_state" });
    expect((await send(f.ben)).status).toBe(409);
    expect((await caseOf(f.client, c.id)).status).toBe(200);
    await ws.close();

    const actions = (
      await server.ctx.db.db
        .selectFrom("audit_events")
        .select("action")
        .where("target_id", "=", c.id)
        .where("action", "!=", "case.access_denied")
        .orderBy("seq")
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual([
      "case.opened",
      "case.assigned",
      "case.handed_over",
      "case.closed",
      "case.reopened",
      "case.closed",
      "case.archived",
    ]);
  });

  it("answers a client once per absence period with the assignee's absence notice, and tells the team's leads", async () => {
    const { case: c } = await open();
    await as(f.ben).call(AcceptCase, { params: { caseId: c.id } });
    expect((await as(f.client).call(GetAbsence)).status).toBe(403);
    const away = { active: true, message: "Ich bin bis Montag nicht im Büro.", messageInformal: null, until: null };
    expect((await as(f.ben).call(SetAbsence, { body: away })).body).toEqual(away);
    expect((await as(f.ben).call(GetAbsence)).body).toEqual(away);
    const write = () =>
      as(f.client).call(SendMessage, {
        params: { id: c.conversationId },
        body: {
          clientMsgId: rid("cm"),
          envelope: fakeBytes(40),
        },
      });
    await write();
    await write();
    let got = (await caseOf(f.client, c.id)).body as CaseBody;
    expect(got.case.assigneeAbsence).toBe(away.message);
    expect(got.events.filter((e) => e.type === "absence_reply")).toMatchObject([
      { text: away.message, actorId: f.ben.id },
    ]);
    // The team's lead hears of it once (content-free: a kind and the case), to hand the case over; nobody else.
    const absentNotices = async (a: typeof f.lead) =>
      (
        (await as(a).call(GetMyNotifications)).body as { items: { kind: string; caseId: string | null }[] }
      ).items.filter((n) => n.kind === "assignee_absent");
    expect(await absentNotices(f.lead)).toEqual([expect.objectContaining({ caseId: c.id })]);
    expect(await absentNotices(f.anna)).toEqual([]);
    expect(await absentNotices(f.ben)).toEqual([]);
    // Back, then away again: a new period, one more automatic reply.
    await as(f.ben).call(SetAbsence, { body: { ...away, active: false } });
    await write();
    expect(((await caseOf(f.client, c.id)).body as CaseBody).case.assigneeAbsence).toBeNull();
    clock.advance(60_000);
    await as(f.ben).call(SetAbsence, { body: away });
    await write();
    got = (await caseOf(f.client, c.id)).body as CaseBody;
    expect(got.events.filter((e) => e.type === "absence_reply")).toHaveLength(2);
    expect(await absentNotices(f.lead)).toHaveLength(2);
    await as(f.ben).call(SetAbsence, { body: { ...away, active: false } });
  });

  it("hands a case (and its notes) to another team only with a wrap for every epoch at that team's generation", async () => {
    const { case: c } = await open();
    await as(f.anna).call(AcceptCase, { params: { caseId: c.id } });
    // Internal notes: team only, never the client.
    const notesId = rid("notes");
    const notes = await as(f.anna).call(OpenNotes, {
      params: { caseId: c.id },
      body: { conversationId: notesId, epoch: fakeEpoch() },
    });
    expect(notes.status, JSON.stringify(notes.body)).toBe(201);
    expect((notes.body as { case: CaseView }).case.notesConversationId).toBe(notesId);
    // Anna's colleague works in her case only after stating a reason (break glass, ADR 0018; test/dpo).
    const reason = { reason: "Vertretung für Anna heute" };
    expect((await as(f.ben).call(RequestBreakGlass, { params: { caseId: c.id }, body: reason })).status).toBe(201);
    expect(
      (
        await as(f.ben).call(OpenNotes, {
          params: { caseId: c.id },
          body: { conversationId: rid("notes"), epoch: fakeEpoch() },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await as(f.ben).call(SendMessage, {
          params: { id: notesId },
          body: {
            clientMsgId: rid("cm"),
            envelope: fakeBytes(80),
          },
        })
      ).status,
    ).toBe(201);
    expect(((await caseOf(f.client, c.id)).body as CaseBody).case.notesConversationId).toBeNull();
    expect((await as(f.client).call(ListMessages, { params: { id: notesId } })).status).toBe(404);
    expect((await as(f.client).call(GetConversation, { params: { id: notesId } })).status).toBe(404);
    expect((await as(f.client).call(ListEpochs, { params: { id: notesId } })).status).toBe(404);
    const listed = (await as(f.client).call(ListConversations)).body as { conversations: { id: string }[] };
    expect(listed.conversations.some((x) => x.id === notesId)).toBe(false);
    const ws = await MsgClient.connect(server.url, f.client.cookie);
    ws.subscribe([{ conversationId: notesId, afterSeq: 0 }]);
    await ws.waitFor(() => ws.frames.some((fr) => fr.type === "error"));
    expect(ws.frames.find((fr) => fr.type === "error")).toMatchObject({ code: "not_found", ref: notesId });
    expect(ws.messages(notesId)).toEqual([]);
    await ws.close();
    // The client knows the case, but its team keys and exports are staff business.
    expect((await as(f.client).call(ListCaseTeamWraps, { params: { caseId: c.id } })).status).toBe(403);
    const wraps = (await as(f.ben).call(ListCaseTeamWraps, { params: { caseId: c.id } })).body as {
      wraps: { conversationId: string; teamId: string }[];
    };
    expect(wraps.wraps.map((w) => w.conversationId).sort()).toEqual([c.conversationId, notesId].sort());
    expect(
      (await as(f.client).call(RecordCaseExport, { params: { caseId: c.id }, body: { messages: 3, notes: 1 } })).status,
    ).toBe(403);
    expect((await as(f.olga).call(ListCaseTeamWraps, { params: { caseId: c.id } })).status).toBe(404);
    expect(
      (await as(f.anna).call(RecordCaseExport, { params: { caseId: c.id }, body: { messages: 3, notes: 1 } })).status,
    ).toBe(204);

    const wrap = (conversationId: string, generation = 2) => ({
      conversationId,
      epoch: 1,
      generation,
      wrap: fakeBytes(90),
    });
    const handover = (body: BodyOf<typeof HandOverCase>) =>
      as(f.anna).call(HandOverCase, { params: { caseId: c.id }, body });
    expect((await handover({ toTeamId: f.otherTeamId, teamWraps: [wrap(c.conversationId)] })).status).toBe(400);
    expect(
      (await handover({ toTeamId: f.otherTeamId, teamWraps: [wrap(c.conversationId, 1), wrap(notesId, 1)] })).status,
    ).toBe(400);
    expect(
      (
        await handover({
          toTeamId: f.otherTeamId,
          teamWraps: [wrap(c.conversationId), wrap(notesId), { ...wrap(notesId), epoch: 2 }],
        })
      ).status,
    ).toBe(400);
    expect((await handover({ toTeamId: rid("team"), teamWraps: [wrap(c.conversationId), wrap(notesId)] })).status).toBe(
      404,
    );
    const done = await handover({
      toTeamId: f.otherTeamId,
      toAccountId: f.olga.id,
      teamWraps: [wrap(c.conversationId), wrap(notesId)],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((done.body as { case: CaseView }).case).toMatchObject({ teamId: f.otherTeamId, assigneeId: f.olga.id });
    // The old team lost access (history stays in the database), the new team has it.
    expect((await caseOf(f.anna, c.id)).status).toBe(404);
    expect((await as(f.anna).call(ListMessages, { params: { id: notesId } })).status).toBe(404);
    expect((await as(f.anna).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(404);
    expect((await caseOf(f.olga, c.id)).status).toBe(200);
    expect((await as(f.olga).call(ListMessages, { params: { id: notesId } })).status).toBe(200);
    const olgaWraps = (await as(f.olga).call(ListCaseTeamWraps, { params: { caseId: c.id } })).body as {
      wraps: { teamId: string; generation: number }[];
    };
    expect(olgaWraps.wraps).toHaveLength(2);
    expect(olgaWraps.wraps.every((w) => w.teamId === f.otherTeamId && w.generation === 2)).toBe(true);
    const exported = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("data")
      .where("target_id", "=", c.id)
      .where("action", "=", "case.exported")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(exported.data)).toEqual({ messages: 3, notes: 1 });
  });

  it("pushes a case frame to the client and the team when a case changes", async () => {
    const clientWs = await MsgClient.connect(server.url, f.client.cookie);
    const benWs = await MsgClient.connect(server.url, f.ben.cookie);
    const olgaWs = await MsgClient.connect(server.url, f.olga.cookie);
    const { case: c } = await open();
    const frameFor = (ws: MsgClient, state: string) => () =>
      ws.frames.some((fr) => fr.type === "case" && fr.caseId === c.id && fr.state === state);
    await clientWs.waitFor(frameFor(clientWs, "new"));
    await benWs.waitFor(frameFor(benWs, "new"));
    await as(f.ben).call(AcceptCase, { params: { caseId: c.id } });
    await clientWs.waitFor(frameFor(clientWs, "active"));
    await benWs.waitFor(frameFor(benWs, "active"));
    expect(benWs.frames.find((fr) => fr.type === "case" && fr.state === "active")).toEqual({
      type: "case",
      caseId: c.id,
      state: "active",
      assigneeId: f.ben.id,
      teamId: f.teamId,
    });
    expect(olgaWs.frames.some((fr) => fr.type === "case" && fr.caseId === c.id)).toBe(false);
    await Promise.all([clientWs.close(), benWs.close(), olgaWs.close()]);
  });

  it("keeps the team members of open cases in step with the team", async () => {
    const { case: c } = await open();
    const db = server.ctx.db.db;
    const newcomer = await seedAccount(db, {
      orgId: f.orgId,
      role: "counsellor",
      team: { id: f.teamId, role: "member" },
    });
    await db.deleteFrom("team_members").where("team_id", "=", f.teamId).where("account_id", "=", f.ben.id).execute();
    expect(await syncTeamCases(db, Date.now(), f.teamId)).toBeGreaterThan(0);
    expect((await caseOf(newcomer, c.id)).status).toBe(200);
    expect((await as(newcomer).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(200);
    expect((await as(f.ben).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(404);
    await db
      .insertInto("team_members")
      .values({ team_id: f.teamId, account_id: f.ben.id, role: "member", added_at: Date.now() })
      .execute();
    await syncTeamCases(db, Date.now(), f.teamId);
    expect((await as(f.ben).call(ListMessages, { params: { id: c.conversationId } })).status).toBe(200);

    // Deactivation (admin API) takes the account out of its teams and so out of their cases.
    const res = await as(f.admin).call(DeactivateAccount, { params: { orgId: f.orgId, accountId: newcomer.id } });
    expect(res.status).toBe(200);
    const row = await db
      .selectFrom("conversation_members")
      .select("left_at")
      .where("conversation_id", "=", c.conversationId)
      .where("account_id", "=", newcomer.id)
      .executeTakeFirstOrThrow();
    expect(row.left_at).not.toBeNull();
  });

  it("files a later epoch's team and archive wraps so the team keeps reading; demands both in case conversations only", async () => {
    const { body } = await open();
    const addEpoch = (epoch: BodyOf<typeof AddEpoch>) =>
      as(f.client).call(AddEpoch, { params: { id: body.conversationId }, body: epoch });
    const participantWrap = { recipientId: f.client.id, wrap: fakeBytes(83) };
    const bare = { epoch: 2, record: fakeBytes(300), wraps: [participantWrap] };
    expect((await addEpoch(bare)).status).toBe(400);
    expect((await addEpoch({ ...bare, teamWrap: fakeBytes(83) })).status).toBe(400);
    const full = { ...bare, teamWrap: fakeBytes(83), archiveWrap: fakeBytes(83) };
    expect((await addEpoch(full)).status).toBe(201);
    const wraps = await as(f.anna).call(ListCaseTeamWraps, { params: { caseId: body.caseId } });
    expect(
      (wraps.body as { wraps: { conversationId: string; epoch: number; wrap: string }[] }).wraps
        .filter((w) => w.conversationId === body.conversationId)
        .map((w) => [w.epoch, w.wrap]),
    ).toEqual([
      [1, body.epoch.teamWrap],
      [2, full.teamWrap],
    ]);

    const direct = await as(f.anna).call(CreateConversation, { body: { kind: "direct", memberIds: [f.ben.id] } });
    const directId = (direct.body as { conversation: { id: string } }).conversation.id;
    const directEpoch = { epoch: 1, record: fakeBytes(300), wraps: [{ recipientId: f.anna.id, wrap: fakeBytes(83) }] };
    expect(
      (await as(f.anna).call(AddEpoch, { params: { id: directId }, body: { ...directEpoch, teamWrap: fakeBytes(83) } }))
        .status,
    ).toBe(400);
    expect((await as(f.anna).call(AddEpoch, { params: { id: directId }, body: directEpoch })).status).toBe(201);
  });

  it("never creates case or notes conversations through the generic route", async () => {
    for (const kind of ["case", "notes"])
      expect((await as(f.anna).callRaw("POST", "/api/conversations", { kind, memberIds: [f.ben.id] })).status).toBe(
        400,
      );
  });
});
