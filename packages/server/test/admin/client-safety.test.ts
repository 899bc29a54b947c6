// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetClientSafety, GetPublicClientSafety, UpdateClientSafety } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg } from "./support";

/**
 * Where quick exit leads (issue #15, item 9): admins set it, the DPO reads
 * it, client pages read it without a login; only https addresses (http only
 * on this machine) are accepted, and a bad one changes nothing.
 */
describe.each(DIALECTS)("client safety settings (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let other: SeededOrg;
  let admin: SeededAccount;
  let dpo: SeededAccount;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await seedOrg(server.ctx.db.db);
    other = await seedOrg(server.ctx.db.db);
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin" });
    dpo = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "dpo" });
  });
  afterAll(async () => server?.stop());

  const publicTarget = async (orgId: string) => {
    const reply = await apiAs(server).call(GetPublicClientSafety, { params: { orgId } });
    expect(reply.status).toBe(200);
    return reply.body.quickExitUrl;
  };

  it("starts with the default, is set by an admin (audited), read by the DPO and by anyone for client pages", async () => {
    expect(await publicTarget(org.orgId)).toBeNull();
    const read = await apiAs(server, dpo).call(GetClientSafety, { params: { orgId: org.orgId } });
    expect(read.body.settings).toEqual({ quickExitUrl: null, updatedAt: null });

    const set = await apiAs(server, admin).call(UpdateClientSafety, {
      params: { orgId: org.orgId },
      body: { quickExitUrl: "  https://www.example.org/kochrezepte?x=1 " },
    });
    expect(set.status).toBe(200);
    expect(set.body.settings.quickExitUrl).toBe("https://www.example.org/kochrezepte?x=1");
    expect(await publicTarget(org.orgId)).toBe("https://www.example.org/kochrezepte?x=1");
    // Another organisation keeps the default.
    expect(await publicTarget(other.orgId)).toBeNull();

    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["actor_id", "data"])
      .where("organisation_id", "=", org.orgId)
      .where("action", "=", "organisation.client_safety_updated")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.id);

    const cleared = await apiAs(server, admin).call(UpdateClientSafety, {
      params: { orgId: org.orgId },
      body: { quickExitUrl: null },
    });
    expect(cleared.body.settings.quickExitUrl).toBeNull();
    expect(await publicTarget(org.orgId)).toBeNull();
  });

  it.each([
    ["javascript:alert(1)"],
    ["data:text/html,hi"],
    ["http://example.org/"],
    ["https://user:pw@example.org/"],
    ["/relative"],
    ["not a url"],
    [`https://example.org/${"a".repeat(600)}`],
  ])("refuses %s with a stable code and keeps what was stored", async (bad) => {
    const adminApi = apiAs(server, admin);
    await adminApi.call(UpdateClientSafety, {
      params: { orgId: org.orgId },
      body: { quickExitUrl: "https://kept.example.org/" },
    });
    const reply = await adminApi.callRaw("PUT", `/api/organisations/${org.orgId}/client-safety`, {
      quickExitUrl: bad,
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe("invalid_body");
    expect(await publicTarget(org.orgId)).toBe("https://kept.example.org/");
  });

  it("accepts http only on this machine (development)", async () => {
    const reply = await apiAs(server, admin).call(UpdateClientSafety, {
      params: { orgId: org.orgId },
      body: { quickExitUrl: "http://127.0.0.1:8080/neutral" },
    });
    expect(reply.status).toBe(200);
  });

  it("is the admins' to change, answers 404 for unknown organisations and other organisations' staff", async () => {
    const denied = await apiAs(server, dpo).callRaw("PUT", `/api/organisations/${org.orgId}/client-safety`, {
      quickExitUrl: null,
    });
    expect(denied.status).toBe(403);
    const otherAdmin = await seedAccount(server.ctx.db.db, { orgId: other.orgId, role: "org_admin" });
    const foreign = await apiAs(server, otherAdmin).call(GetClientSafety, { params: { orgId: org.orgId } });
    expect(foreign.status).toBe(404);
    const unknown = await apiAs(server).callRaw("GET", "/api/finder/organisations/nope0000000000000000/client-safety");
    expect(unknown.status).toBe(404);
  });
});
