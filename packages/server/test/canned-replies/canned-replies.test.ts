// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg, seedTeam, sendAs } from "../admin/support";
import { giveTeamKey } from "../cases/support";

/**
 * Canned replies of a team (issue #16, CRYPTO.md §7f) through the API on
 * both dialects: the team's lead creates, changes and deletes; its members
 * read; a counsellor of another team, and another organisation, get nothing;
 * a wrap to a team key generation the team does not have is refused; the
 * server stores exactly the sealed bytes it was given, and the audit trail
 * names the action and the snippet's id only.
 */
describe.each(DIALECTS)("canned replies (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let lead: SeededAccount;
  let member: SeededAccount;
  let outsider: SeededAccount;
  let foreign: SeededAccount;
  let path: string;
  const sealed = { generation: 1, wrap: "d3JhcC1vbmU", ciphertext: "c2VhbGVkLXNuaXBwZXQ" };

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    org = await seedOrg(db);
    lead = await seedAccount(db, { orgId: org.orgId, role: "counsellor", team: { id: org.teamId, role: "lead" } });
    member = await seedAccount(db, { orgId: org.orgId, role: "counsellor", team: { id: org.teamId, role: "member" } });
    const other = await seedTeam(db, org.orgId);
    outsider = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: other.teamId, role: "lead" },
    });
    const elsewhere = await seedOrg(db);
    foreign = await seedAccount(db, { orgId: elsewhere.orgId, role: "org_admin" });
    await giveTeamKey(db, {
      orgId: org.orgId,
      teamId: org.teamId,
      memberIds: [lead.id, member.id],
      createdBy: lead.id,
    });
    path = `/api/organisations/${org.orgId}/teams/${org.teamId}/canned-replies`;
  });
  afterAll(async () => server?.stop());

  it("the lead creates, a member reads exactly the sealed bytes; a member may not create", async () => {
    const created = await sendAs(server, lead.cookie)("POST", path, sealed);
    expect(created.status).toBe(201);
    const listed = await sendAs(server, member.cookie)("GET", path);
    expect(listed.status).toBe(200);
    const replies = (listed.body as { replies: Record<string, unknown>[] }).replies;
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ ...sealed, teamId: org.teamId, createdBy: lead.id });
    expect((await sendAs(server, member.cookie)("POST", path, sealed)).status).toBe(403);
    const row = await server.ctx.db.db.selectFrom("canned_replies").selectAll().executeTakeFirstOrThrow();
    expect({ wrap: row.wrap, ciphertext: row.ciphertext }).toEqual({
      wrap: sealed.wrap,
      ciphertext: sealed.ciphertext,
    });
  });

  it("another team's lead and another organisation get nothing", async () => {
    expect((await sendAs(server, outsider.cookie)("GET", path)).status).toBe(403);
    expect((await sendAs(server, outsider.cookie)("POST", path, sealed)).status).toBe(403);
    expect((await sendAs(server, foreign.cookie)("GET", path)).status).toBe(404);
  });

  it("refuses a wrap to a team key generation the team does not have", async () => {
    const res = await sendAs(server, lead.cookie)("POST", path, { ...sealed, generation: 7 });
    expect(res.status).toBe(422);
    expect((res.body as { error: { code: string } }).error.code).toBe("key_mismatch");
  });

  it("the lead changes and deletes; each step is audited without content", async () => {
    const send = sendAs(server, lead.cookie);
    const created = (await send("POST", path, sealed)).body as { reply: { id: string } };
    const id = created.reply.id;
    const changed = await send("PUT", `${path}/${id}`, { ...sealed, ciphertext: "bmV1ZXItdGV4dA" });
    expect(changed.status).toBe(200);
    expect((changed.body as { reply: { ciphertext: string } }).reply.ciphertext).toBe("bmV1ZXItdGV4dA");
    expect((await sendAs(server, member.cookie)("DELETE", `${path}/${id}`)).status).toBe(403);
    expect((await send("DELETE", `${path}/${id}`)).status).toBe(204);
    expect((await send("DELETE", `${path}/${id}`)).status).toBe(404);
    expect((await send("PUT", `${path}/${id}`, sealed)).status).toBe(404);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("action", "like", "canned_reply.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["canned_reply.created", "canned_reply.updated", "canned_reply.deleted"]),
    );
    for (const a of audit) {
      expect(String(a.data)).not.toContain(sealed.ciphertext);
      expect(String(a.data)).not.toContain("bmV1ZXItdGV4dA");
    }
  });
});
