// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedOrg, seedTeam, sendAs } from "./support";

/**
 * The organisation's staff directory (GET /api/organisations/:orgId/staff-directory): a counsellor finds every
 * active colleague of the organisation by display name, role and teams — also those outside their own teams (to
 * start a chat) — and nobody else: no client, no disabled account, nobody of another organisation; a client and
 * staff of another organisation get 404.
 */
describe.each(DIALECTS)("staff directory (%s)", (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists the organisation's active staff with display name, role and teams, and nothing else", async () => {
    const db = server.ctx.db.db;
    const org = await seedOrg(db);
    const other = await seedTeam(db, org.orgId);
    const me = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
    });
    const colleague = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: other.teamId, role: "lead" },
    });
    await db.updateTable("accounts").set({ display_name: "Frau Amsel" }).where("id", "=", colleague.id).execute();
    const admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin" });
    const gone = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
    });
    await db.updateTable("accounts").set({ disabled_at: Date.now() }).where("id", "=", gone.id).execute();
    const client = await seedAccount(db, { orgId: null, role: "client" });
    const elsewhere = await seedOrg(db);
    const stranger = await seedAccount(db, { orgId: elsewhere.orgId, role: "counsellor" });

    const res = await sendAs(server, me.cookie)("GET", `/api/organisations/${org.orgId}/staff-directory`);
    expect(res.status).toBe(200);
    const staff = (res.body as { staff: { accountId: string }[] }).staff;
    expect(staff.map((s) => s.accountId).sort()).toEqual([me.id, colleague.id, admin.id].sort());
    expect(staff.find((s) => s.accountId === colleague.id)).toEqual({
      accountId: colleague.id,
      username: colleague.username,
      displayName: "Frau Amsel",
      role: "counsellor",
      teams: [{ teamId: other.teamId, role: "lead" }],
    });
    expect(staff.find((s) => s.accountId === admin.id)).toMatchObject({
      displayName: null,
      role: "org_admin",
      teams: [],
    });
    // Nothing about logins, second factors or when accounts were made.
    expect(Object.keys(staff[0]!).sort()).toEqual(["accountId", "displayName", "role", "teams", "username"]);

    // Not for clients, not for staff of another organisation (404: the organisation is not confirmed).
    for (const cookie of [client.cookie, stranger.cookie]) {
      const refused = await sendAs(server, cookie)("GET", `/api/organisations/${org.orgId}/staff-directory`);
      expect(refused.status).toBe(404);
    }
  });
});
