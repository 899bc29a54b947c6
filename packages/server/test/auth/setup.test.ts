// SPDX-License-Identifier: AGPL-3.0-or-later
import * as opaque from "@serenity-kit/opaque";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../helpers/databases";
import { fakeKeyBundle, login } from "../helpers/opaque-client";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";

describe.each(DIALECTS)("first-start setup (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server.stop());

  function tokenFromPrinted(): string {
    const line = server.printed.find((l) => l.includes("/setup#token="));
    expect(line).toBeDefined();
    return line!.split("#token=")[1]!;
  }

  it("prints a one-time setup link with the token in the fragment, and stores only its hash", async () => {
    const token = tokenFromPrinted();
    const rows = await server.ctx.db.db.selectFrom("instance_settings").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(server.logText()).not.toContain(token);
  });

  it("rejects a wrong token", async () => {
    const res = await injectSend(server)("POST", "/api/setup/verify", { token: "x".repeat(32) });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: "setup_token_invalid" } });
  });

  it("creates the organisation and its first admin, then refuses a second setup", async () => {
    const send = injectSend(server);
    const token = tokenFromPrinted();
    expect((await send("POST", "/api/setup/verify", { token })).status).toBe(200);
    await opaque.ready;
    const password = "admin password that is long";
    const start = opaque.client.startRegistration({ password });
    const r1 = await send("POST", "/api/setup/register/start", { token, username: "admin", registrationRequest: start.registrationRequest });
    expect(r1.status).toBe(200);
    const finish = opaque.client.finishRegistration({
      password,
      clientRegistrationState: start.clientRegistrationState,
      registrationResponse: (r1.body as { registrationResponse: string }).registrationResponse,
      keyStretching: "memory-constrained",
    });
    const done = await send("POST", "/api/setup/finish", {
      token,
      organisationName: "Beratung Nord e.V.",
      username: "admin",
      registrationRecord: finish.registrationRecord,
      keyBundle: fakeKeyBundle(3),
      organisationRootPublicKey: Buffer.alloc(32, 5).toString("base64url"),
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ account: { username: "admin", kind: "staff", role: "org_admin" } });
    expect((await send("POST", "/api/setup/verify", { token })).body).toMatchObject({ error: { code: "setup_already_done" } });
    const loggedIn = await login(send, "admin", password);
    expect(loggedIn.status).toBe(200);
    const audit = await server.ctx.db.db.selectFrom("audit_events").selectAll().where("action", "=", "setup.completed").execute();
    expect(audit).toHaveLength(1);
  });
});
