// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  AssignCase,
  type CaseEventView,
  type CaseView,
  CloseCase,
  GetAgency,
  GetCase,
  GetConversation,
  GetDisplayName,
  GetMyData,
  HandOverCase,
  ListCases,
  ListMessages,
  ListStaffAccounts,
  OpenCase,
  SetAbsence,
  SetDisplayName,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid } from "../helpers/factories";
import { sendAs } from "../admin/support";
import { api, apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { MsgClient } from "../messaging/support";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "./support";

type CaseBody = { case: CaseView; events: CaseEventView[] };

/**
 * Login names are half of a credential: a client sees staff only by the
 * display name they chose, never by the login name, in any response or
 * frame. Ben has no display name (an account from before it was required),
 * Anna has one; every staff member gets a login name that cannot be
 * confused with an id, so a plain substring search over everything the
 * client received finds any leak.
 */
describe.each(DIALECTS)("staff names as clients see them (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  const logins: string[] = [];
  /** Every response body and WebSocket frame the client (or an anonymous visitor) received. */
  const received: unknown[] = [];

  const client = () => {
    const send = sendAs(server, f.client.cookie);
    return api(async (method, path, body) => {
      const res = await send(method, path, body);
      received.push(res.body);
      return res;
    });
  };
  const staff = (who: { cookie: string }) => apiAs(server, who);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    for (const who of [f.lead, f.anna, f.ben, f.admin]) {
      const login = `login-${rid("x").toLowerCase()}`;
      logins.push(login);
      await server.ctx.db.db.updateTable("accounts").set({ username: login }).where("id", "=", who.id).execute();
    }
  });
  afterAll(async () => server?.stop());

  it("shows the display name or nothing, never the login name, in every response and frame a client gets", async () => {
    const ws = await MsgClient.connect(server.url, f.client.cookie);
    const get = client();

    // Finder deep link with a preselected counsellor (no login needed, so anyone can ask).
    const deepLink = await get.call(GetAgency, { params: { agencyId: f.agencyId }, query: { counsellorId: f.ben.id } });
    expect(deepLink.body).toMatchObject({ counsellor: { id: f.ben.id, displayName: null } });
    const named = await get.call(GetAgency, { params: { agencyId: f.agencyId }, query: { counsellorId: f.anna.id } });
    expect(named.body).toMatchObject({ counsellor: { id: f.anna.id, displayName: "Anna Beispiel" } });

    // One case Ben accepts himself and is away on; one the lead assigns to Ben, who hands it to Anna.
    const first = await get.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const a = (first.body as CaseBody).case;
    expect((await staff(f.ben).call(AcceptCase, { params: { caseId: a.id } })).status).toBe(200);
    const away = { active: true, message: "Bis Montag nicht im Büro.", until: null };
    expect((await staff(f.ben).call(SetAbsence, { body: away })).status).toBe(200);
    expect((await ws.send(a.conversationId, rid("cm"), fakeBytes(40))).type).toBe("ack");
    const absent = (await get.call(GetCase, { params: { caseId: a.id } })).body as CaseBody;
    expect(absent.case).toMatchObject({ assigneeId: f.ben.id, assigneeName: null, assigneeAbsence: away.message });
    expect(absent.events.find((e) => e.type === "accepted")).toMatchObject({
      actorId: f.ben.id,
      actorName: null,
      assigneeName: null,
    });
    expect(absent.events.find((e) => e.type === "absence_reply")).toMatchObject({ actorName: null });
    await staff(f.ben).call(SetAbsence, { body: { ...away, active: false } });

    const second = await get.call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId, preferredCounsellorId: f.ben.id }),
    });
    const b = (second.body as CaseBody).case;
    expect(
      (await staff(f.lead).call(AssignCase, { params: { caseId: b.id }, body: { assigneeId: f.ben.id } })).status,
    ).toBe(200);
    expect((await get.call(GetCase, { params: { caseId: b.id } })).body).toMatchObject({
      case: { assigneeName: null },
    });
    expect(
      (await staff(f.ben).call(HandOverCase, { params: { caseId: b.id }, body: { toAccountId: f.anna.id } })).status,
    ).toBe(200);
    const handed = (await get.call(GetCase, { params: { caseId: b.id } })).body as CaseBody;
    expect(handed.case.assigneeName).toBe("Anna Beispiel");
    expect(handed.events.find((e) => e.type === "handed_over")).toMatchObject({
      actorId: f.ben.id,
      actorName: null,
      assigneeName: "Anna Beispiel",
    });
    expect((await staff(f.anna).call(CloseCase, { params: { caseId: b.id } })).status).toBe(200);
    expect((await ws.send(b.conversationId, rid("cm"), fakeBytes(40))).type).toBe("ack");

    // Everything else a client asks for about its cases.
    await get.call(ListCases);
    await get.call(GetConversation, { params: { id: a.conversationId } });
    await get.call(ListMessages, { params: { id: b.conversationId } });
    await get.call(GetMyData);
    await ws.waitFor(() => ws.frames.some((fr) => fr.type === "case" && fr.caseId === b.id && fr.state === "active"));
    await ws.close();
    received.push(...ws.frames);

    const everything = JSON.stringify(received);
    expect(everything).toContain("Anna Beispiel");
    for (const login of logins) expect(everything).not.toContain(login);
  });

  it("lets colleagues still tell a staff member without a display name apart by the login name", async () => {
    const { case: c } = (
      await staff(f.client).call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) })
    ).body as CaseBody;
    await staff(f.lead).call(AssignCase, { params: { caseId: c.id }, body: { assigneeId: f.ben.id } });
    const res = await staff(f.lead).call(GetCase, { params: { caseId: c.id } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const seen = res.body as CaseBody;
    expect(seen.case.assigneeName).toBe(logins[2]);
    expect(seen.events.find((e) => e.type === "assigned")).toMatchObject({ actorName: logins[0] });
  });

  it("lets staff without a display name set one (trimmed, one line); clients see it from then on", async () => {
    const me = staff(f.lead);
    expect((await me.call(GetDisplayName)).body).toEqual({ displayName: null });
    for (const bad of ["", "  ", "x".repeat(65), "Herr\nLeitner", "Herr\u202eLeitner"])
      expect((await me.call(SetDisplayName, { body: { displayName: bad } })).status, bad).toBe(400);
    const set = await me.call(SetDisplayName, { body: { displayName: "  Herr Leitner " } });
    expect(set.body).toEqual({ displayName: "Herr Leitner" });
    expect((await me.call(GetDisplayName)).body).toEqual({ displayName: "Herr Leitner" });
    const { case: c } = (
      await staff(f.client).call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) })
    ).body as CaseBody;
    await staff(f.lead).call(AcceptCase, { params: { caseId: c.id } });
    expect(
      ((await staff(f.client).call(GetCase, { params: { caseId: c.id } })).body as CaseBody).case.assigneeName,
    ).toBe("Herr Leitner");
    // Clients have no display name to set (they are known by the pseudonym they signed up with).
    expect((await staff(f.client).call(SetDisplayName, { body: { displayName: "Ich" } })).status).toBe(403);
  });

  it("shows administrators which staff have no display name yet", async () => {
    const res = await staff(f.admin).call(ListStaffAccounts, { params: { orgId: f.orgId } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const accounts = (res.body as { accounts: { id: string; displayName: string | null }[] }).accounts;
    expect(accounts.find((a) => a.id === f.anna.id)?.displayName).toBe("Anna Beispiel");
    expect(accounts.find((a) => a.id === f.ben.id)?.displayName).toBeNull();
  });
});
