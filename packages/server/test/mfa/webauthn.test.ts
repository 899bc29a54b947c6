// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CurrentSession,
  GetMfaStatus,
  WebauthnAuthenticateOptions,
  WebauthnAuthenticateVerify,
  WebauthnRegisterOptions,
  WebauthnRegisterVerify,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, loginClient, registerStaff, seedOrg } from "../admin/support";
import { SoftwareAuthenticator } from "./software-authenticator";

type Options = {
  challenge: string;
  rp?: { id: string };
  allowCredentials?: { id: string }[];
  excludeCredentials?: { id: string }[];
};
const PUBLIC_URL = "https://beratung.example";

describe.each(DIALECTS)("second factor: passkeys at the API level (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let staff: { id: string; username: string; password: string };
  const authenticator = new SoftwareAuthenticator("beratung.example", PUBLIC_URL);

  beforeAll(async () => {
    server = await startTestServer({ dialect, publicUrl: PUBLIC_URL });
    org = await seedOrg(server.ctx.db.db);
    staff = await registerStaff(server, { orgId: org.orgId, role: "org_admin" });
  });
  afterAll(async () => server?.stop());

  it("registers a passkey as the first factor (RP ID from PUBLIC_URL) and satisfies the session", async () => {
    const { api: client } = await loginClient(server, staff.username, staff.password);
    const opts = await client.call(WebauthnRegisterOptions);
    expect(opts.status).toBe(200);
    const options = (opts.body as { options: Options }).options;
    expect(options.rp?.id).toBe("beratung.example");

    // A response for another origin (phishing site) is refused, and the challenge is gone with it.
    const phished = await client.call(WebauthnRegisterVerify, {
      body: {
        response: authenticator.create(options, { origin: "https://beratung.example.evil" }),
      },
    });
    expect(phished.status).toBe(401);
    const stale = await client.call(WebauthnRegisterVerify, { body: { response: authenticator.create(options) } });
    expect(stale.status).toBe(401);

    const again = (await client.call(WebauthnRegisterOptions)).body as { options: Options };
    const res = await client.call(WebauthnRegisterVerify, {
      body: {
        response: authenticator.create(again.options),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toEqual({
      pending: false,
      required: true,
      totp: false,
      passkeys: 1,
    });
    expect((await client.call(CurrentSession)).status).toBe(200);
  });

  it("signs in with the passkey on the next login; a wrong signature, origin or replayed challenge fails", async () => {
    const { api: client } = await loginClient(server, staff.username, staff.password);
    expect((await client.call(CurrentSession)).status).toBe(403);
    const opts = (await client.call(WebauthnAuthenticateOptions)).body as { options: Options };
    expect(opts.options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.credentialId.toString("base64url")]);

    const forged = authenticator.get(opts.options);
    forged.response.signature = Buffer.alloc(72, 1).toString("base64url");
    expect((await client.call(WebauthnAuthenticateVerify, { body: { response: forged } })).status).toBe(401);

    const o2 = (await client.call(WebauthnAuthenticateOptions)).body as { options: Options };
    expect(
      (
        await client.call(WebauthnAuthenticateVerify, {
          body: {
            response: authenticator.get(o2.options, { origin: "https://evil.example" }),
          },
        })
      ).status,
    ).toBe(401);

    const o3 = (await client.call(WebauthnAuthenticateOptions)).body as { options: Options };
    const noUv = await client.call(WebauthnAuthenticateVerify, {
      body: {
        response: authenticator.get(o3.options, { flags: 0x01 }),
      },
    });
    expect(noUv.status).toBe(401);

    const o4 = (await client.call(WebauthnAuthenticateOptions)).body as { options: Options };
    const good = authenticator.get(o4.options);
    const ok = await client.call(WebauthnAuthenticateVerify, { body: { response: good } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await client.call(CurrentSession)).status).toBe(200);
    // The same assertion again: its challenge was single use.
    expect((await client.call(WebauthnAuthenticateVerify, { body: { response: good } })).status).toBe(401);
    const stored = await server.ctx.db.db
      .selectFrom("webauthn_credentials")
      .selectAll()
      .where("account_id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(stored.counter).toBeGreaterThan(0);
    expect(stored.last_used_at).not.toBeNull();
  });

  it("refuses a cloned authenticator whose counter went backwards", async () => {
    const { api: client } = await loginClient(server, staff.username, staff.password);
    const opts = (await client.call(WebauthnAuthenticateOptions)).body as { options: Options };
    const res = await client.call(WebauthnAuthenticateVerify, {
      body: {
        response: authenticator.get(opts.options, { counter: 1 }),
      },
    });
    expect(res.status).toBe(401);
  });

  it("lets a full session add a second passkey, but not reuse the registered one", async () => {
    const { api: client } = await loginClient(server, staff.username, staff.password);
    const opts = (await client.call(WebauthnAuthenticateOptions)).body as { options: Options };
    expect(
      (await client.call(WebauthnAuthenticateVerify, { body: { response: authenticator.get(opts.options) } })).status,
    ).toBe(200);
    const reg = (await client.call(WebauthnRegisterOptions)).body as { options: Options };
    expect(reg.options.excludeCredentials?.map((c) => c.id)).toEqual([
      authenticator.credentialId.toString("base64url"),
    ]);
    expect(
      (await client.call(WebauthnRegisterVerify, { body: { response: authenticator.create(reg.options) } })).status,
    ).toBe(409);
    const second = new SoftwareAuthenticator("beratung.example", PUBLIC_URL);
    const reg2 = (await client.call(WebauthnRegisterOptions)).body as { options: Options };
    expect(
      (await client.call(WebauthnRegisterVerify, { body: { response: second.create(reg2.options) } })).status,
    ).toBe(200);
    expect((await client.call(GetMfaStatus)).body).toMatchObject({ passkeys: 2 });
  });
});
