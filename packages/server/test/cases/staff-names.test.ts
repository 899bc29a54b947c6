// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView, CaseView } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid } from "../helpers/factories";
import { sendAs } from "../admin/support";
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
    return async (method: string, path: string, body?: unknown) => {
      const res = await send(method, path, body);
      received.push(res.body);
      return res;
    };
  };
  const staff = (who: { cookie: string }) => sendAs(server, who.cookie);

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
    const deepLink = await get("GET", `/api/finder/agencies/${f.agencyId}?counsellorId=${f.ben.id}`);
    expect(deepLink.body).toMatchObject({ counsellor: { id: f.ben.id, displayName: null } });
    const named = await get("GET", `/api/finder/agencies/${f.agencyId}?counsellorId=${f.anna.id}`);
    expect(named.body).toMatchObject({ counsellor: { id: f.anna.id, displayName: "Anna Beispiel" } });

    // One case Ben accepts himself and is away on; one the lead assigns to Ben, who hands it to Anna.
    const first = await get("POST", "/api/cases", openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const a = (first.body as CaseBody).case;
    expect((await staff(f.ben)("POST", `/api/cases/${a.id}/accept`)).status).toBe(200);
    const away = { active: true, message: "Bis Montag nicht im Büro.", until: null };
    expect((await staff(f.ben)("PUT", "/api/account/absence", away)).status).toBe(200);
    expect((await ws.send(a.conversationId, rid("cm"), fakeBytes(40))).type).toBe("ack");
    const absent = (await get("GET", `/api/cases/${a.id}`)).body as CaseBody;
    expect(absent.case).toMatchObject({ assigneeId: f.ben.id, assigneeName: null, assigneeAbsence: away.message });
    expect(absent.events.find((e) => e.type === "accepted")).toMatchObject({
      actorId: f.ben.id,
      actorName: null,
      assigneeName: null,
    });
    expect(absent.events.find((e) => e.type === "absence_reply")).toMatchObject({ actorName: null });
    await staff(f.ben)("PUT", "/api/account/absence", { ...away, active: false });

    const second = await get(
      "POST",
      "/api/cases",
      openCaseBody({ agencyId: f.agencyId, topicId: f.topicId, preferredCounsellorId: f.ben.id }),
    );
    const b = (second.body as CaseBody).case;
    expect((await staff(f.lead)("POST", `/api/cases/${b.id}/assign`, { assigneeId: f.ben.id })).status).toBe(200);
    expect((await get("GET", `/api/cases/${b.id}`)).body).toMatchObject({ case: { assigneeName: null } });
    expect((await staff(f.ben)("POST", `/api/cases/${b.id}/handover`, { toAccountId: f.anna.id })).status).toBe(200);
    const handed = (await get("GET", `/api/cases/${b.id}`)).body as CaseBody;
    expect(handed.case.assigneeName).toBe("Anna Beispiel");
    expect(handed.events.find((e) => e.type === "handed_over")).toMatchObject({
      actorId: f.ben.id,
      actorName: null,
      assigneeName: "Anna Beispiel",
    });
    expect((await staff(f.anna)("POST", `/api/cases/${b.id}/close`)).status).toBe(200);
    expect((await ws.send(b.conversationId, rid("cm"), fakeBytes(40))).type).toBe("ack");

    // Everything else a client asks for about its cases.
    await get("GET", "/api/cases");
    await get("GET", `/api/conversations/${a.conversationId}`);
    await get("GET", `/api/conversations/${b.conversationId}/messages`);
    await get("GET", "/api/account/data");
    await ws.waitFor(() => ws.frames.some((fr) => fr.type === "case" && fr.caseId === b.id && fr.state === "active"));
    await ws.close();
    received.push(...ws.frames);

    const everything = JSON.stringify(received);
    expect(everything).toContain("Anna Beispiel");
    for (const login of logins) expect(everything).not.toContain(login);
  });

  it("lets colleagues still tell a staff member without a display name apart by the login name", async () => {
    const { case: c } = (
      await staff(f.client)("POST", "/api/cases", openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }))
    ).body as CaseBody;
    await staff(f.lead)("POST", `/api/cases/${c.id}/assign`, { assigneeId: f.ben.id });
    const res = await staff(f.lead)("GET", `/api/cases/${c.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const seen = res.body as CaseBody;
    expect(seen.case.assigneeName).toBe(logins[2]);
    expect(seen.events.find((e) => e.type === "assigned")).toMatchObject({ actorName: logins[0] });
  });

  it("lets staff without a display name set one (trimmed, one line); clients see it from then on", async () => {
    const me = staff(f.lead);
    expect((await me("GET", "/api/account/display-name")).body).toEqual({ displayName: null });
    for (const bad of ["", "  ", "x".repeat(65), "Herr\nLeitner", "Herr\u202eLeitner"])
      expect((await me("PUT", "/api/account/display-name", { displayName: bad })).status, bad).toBe(400);
    const set = await me("PUT", "/api/account/display-name", { displayName: "  Herr Leitner " });
    expect(set.body).toEqual({ displayName: "Herr Leitner" });
    expect((await me("GET", "/api/account/display-name")).body).toEqual({ displayName: "Herr Leitner" });
    const { case: c } = (
      await staff(f.client)("POST", "/api/cases", openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }))
    ).body as CaseBody;
    await staff(f.lead)("POST", `/api/cases/${c.id}/accept`);
    expect(((await staff(f.client)("GET", `/api/cases/${c.id}`)).body as CaseBody).case.assigneeName).toBe(
      "Herr Leitner",
    );
    // Clients have no display name to set (they are known by the pseudonym they signed up with).
    expect((await staff(f.client)("PUT", "/api/account/display-name", { displayName: "Ich" })).status).toBe(403);
  });

  it("shows administrators which staff have no display name yet", async () => {
    const res = await staff(f.admin)("GET", `/api/organisations/${f.orgId}/accounts`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const accounts = (res.body as { accounts: { id: string; displayName: string | null }[] }).accounts;
    expect(accounts.find((a) => a.id === f.anna.id)?.displayName).toBe("Anna Beispiel");
    expect(accounts.find((a) => a.id === f.ben.id)?.displayName).toBeNull();
  });
});
