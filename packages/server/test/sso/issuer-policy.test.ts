// SPDX-License-Identifier: AGPL-3.0-or-later
import { PutSsoConfig, SsoStart } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { waiveSecondFactor } from "../helpers/mfa";
import { startTestServer, type TestServer } from "../helpers/server";
import { startConnectionCounter, startDiscoveryServer } from "./local-servers";

/**
 * Which identity providers an organisation admin may point the server at
 * (issue #13, findings 4 and 10). Setting the issuer makes the server fetch
 * it at once, so a careless rule turns the SSO settings into a port scanner
 * of the server's own network. Everything here stays on 127.0.0.1: a TCP
 * port that counts connections stands in for the internal service.
 */
const codeOf = (res: { body: unknown }) => (res.body as { error?: { code: string } }).error?.code;

describe.each(DIALECTS)("SSO issuer policy (%s)", (dialect) => {
  let probe: Awaited<ReturnType<typeof startConnectionCounter>>;
  let disco: Awaited<ReturnType<typeof startDiscoveryServer>>;
  const servers: TestServer[] = [];

  /** A server with these settings, one organisation and an org admin of it. */
  async function instance(env: Record<string, string>) {
    const server = await startTestServer({ dialect, env });
    servers.push(server);
    const db = server.ctx.db.db;
    const org = await seedOrg(db);
    await waiveSecondFactor(db, org.orgId);
    const admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin" });
    const put = (issuer: string) =>
      apiAs(server, admin).call(PutSsoConfig, {
        params: { orgId: org.orgId },
        body: { issuer, clientId: "obhut", clientSecret: "not-a-real-secret" },
      });
    return { server, orgId: org.orgId, adminId: admin.id, admin: apiAs(server, admin), put };
  }

  let plain: Awaited<ReturnType<typeof instance>>;
  let insecure: Awaited<ReturnType<typeof instance>>;
  let listed: Awaited<ReturnType<typeof instance>>;

  beforeAll(async () => {
    probe = await startConnectionCounter();
    disco = await startDiscoveryServer((issuer, name) => {
      // Documents of providers the operator listed, pointing the server's own requests somewhere else.
      if (name === "evil-jwks") return { jwks_uri: `https://localhost:${probe.port}/jwks` };
      if (name === "evil-token") return { token_endpoint: `https://127.0.0.1:${probe.port}/token` };
      if (name === "evil-userinfo") return { userinfo_endpoint: `https://[::ffff:127.0.0.1]:${probe.port}/me` };
      if (name === "other-origin-jwks") return { jwks_uri: `http://127.0.0.1:${probe.port}/jwks` };
      return { userinfo_endpoint: `${issuer}/me` };
    });
    plain = await instance({});
    insecure = await instance({ OBHUT_SSO_ALLOW_INSECURE_ISSUERS: "true" });
    listed = await instance({
      OBHUT_SSO_ISSUERS: ["listed", "evil-jwks", "evil-token", "evil-userinfo", "other-origin-jwks"]
        .map((n) => `${disco.issuer(n)}/`)
        .join(","),
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await probe?.stop();
    await disco?.stop();
  });

  it("answers an issuer that is not a URL with 400 invalid_body (401 without a session), never 500", async () => {
    for (const issuer of ["not a url", "http://", "https://", "::", "https://[::1"]) {
      const anonymous = await apiAs(plain.server).call(PutSsoConfig, {
        params: { orgId: plain.orgId },
        body: { issuer, clientId: "obhut" },
      });
      expect(anonymous.status, issuer).toBe(401);
      const res = await plain.put(issuer);
      expect(res.status, `${issuer}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(codeOf(res)).toBe("invalid_body");
      expect(errorOf(res).issues?.map((i) => i.path)).toContain("issuer");
    }
    // Credentials in the issuer would end up in logs and audit entries.
    expect(codeOf(await plain.put("https://user:pw@idp.example.org"))).toBe("invalid_body");
    expect(plain.server.logText()).not.toContain('"statusCode":500');
    expect(plain.server.logText()).not.toContain("validator threw");
  });

  it("refuses loopback issuers by default, without connecting to them", async () => {
    const before = probe.connections();
    for (const issuer of [
      `http://127.0.0.1:${probe.port}`,
      `http://localhost:${probe.port}`,
      `https://127.0.0.1:${probe.port}`,
      `https://localhost:${probe.port}`,
      `https://[::ffff:127.0.0.1]:${probe.port}`,
      `https://[::ffff:7f00:1]:${probe.port}`,
    ]) {
      const res = await plain.put(issuer);
      expect(res.status, `${issuer}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(codeOf(res)).toBe("sso_issuer_not_allowed");
    }
    expect(probe.connections()).toBe(before);
    // The refusal is logged by category, never with the address.
    expect(plain.server.logText()).toContain("loopback");
    expect(plain.server.logText()).not.toContain(`:${probe.port}`);
  });

  it("refuses at login an issuer stored before the settings were tightened, without connecting", async () => {
    const now = plain.server.ctx.clock.now();
    await plain.server.ctx.db.db
      .insertInto("sso_configs")
      .values({
        organisation_id: plain.orgId,
        issuer: `http://127.0.0.1:${probe.port}`,
        client_id: "obhut",
        client_secret_enc: null,
        scopes: "openid",
        groups_claim: "groups",
        role_mapping: "[]",
        required: 0,
        updated_by: plain.adminId,
        updated_at: now,
      })
      .execute();
    const before = probe.connections();
    const res = await apiAs(plain.server).call(SsoStart, { body: { organisationId: plain.orgId } });
    expect(res.status, JSON.stringify(res.body)).toBe(502);
    expect(codeOf(res)).toBe("sso_unavailable");
    expect(probe.connections()).toBe(before);
    await plain.server.ctx.db.db.deleteFrom("sso_configs").where("organisation_id", "=", plain.orgId).execute();
  });

  it("accepts a loopback http issuer when the operator allows insecure issuers (development, tests)", async () => {
    const res = await insecure.put(disco.issuer("plain"));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // …and a closed loopback port is simply unreachable, as before.
    const closed = await insecure.put(`http://127.0.0.1:9`);
    expect(closed.status).toBe(502);
    expect(codeOf(closed)).toBe("sso_unavailable");
  });

  it("with an allow-list accepts only the listed issuers, and only as prefixes on a path boundary", async () => {
    const ok = await listed.put(disco.issuer("listed"));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await listed.put(`${disco.issuer("listed")}/realm`)).status).not.toBe(400);

    const asked = disco.requests().length;
    for (const issuer of [disco.issuer("unlisted"), disco.issuer("listedx"), `http://127.0.0.1:${probe.port}`]) {
      const res = await listed.put(issuer);
      expect(res.status, `${issuer}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(codeOf(res)).toBe("sso_issuer_not_allowed");
    }
    expect(disco.requests().length).toBe(asked);
  });

  it("refuses a discovery document that sends the server's own requests to a blocked address", async () => {
    const before = probe.connections();
    for (const name of ["evil-jwks", "evil-token", "evil-userinfo", "other-origin-jwks"]) {
      const res = await listed.put(disco.issuer(name));
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(codeOf(res)).toBe("sso_issuer_not_allowed");
    }
    expect(probe.connections()).toBe(before);
  });
});
