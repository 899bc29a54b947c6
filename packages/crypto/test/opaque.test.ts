// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../src/encoding";
import {
  createRegistrationResponse,
  createServerSetup,
  finishLogin,
  finishRegistration,
  serverFinishLogin,
  serverStartLogin,
  startLogin,
  startRegistration,
} from "../src/opaque";

async function register(serverSetup: string, userIdentifier: string, password: string) {
  const start = await startRegistration(password);
  const { response } = await createRegistrationResponse({
    serverSetup,
    userIdentifier,
    request: start.request,
  });
  return finishRegistration({ password, state: start.state, response });
}

async function login(serverSetup: string, userIdentifier: string, record: string | null, password: string) {
  const start = await startLogin(password);
  const server = await serverStartLogin({
    serverSetup,
    userIdentifier,
    record,
    request: start.request,
  });
  const client = await finishLogin({
    password,
    state: start.state,
    response: server.response,
  });
  const done = await serverFinishLogin({
    state: server.state,
    finishRequest: client.finishRequest,
  });
  return { client, server: done };
}

describe("opaque", () => {
  it("registers and logs in with a stable export key; session keys agree", async () => {
    const setup = await createServerSetup();
    const reg = await register(setup, "user-1", "correct horse");
    expect(reg.exportKey.length).toBe(64);
    const { client, server } = await login(setup, "user-1", reg.record, "correct horse");
    expect(constantTimeEqual(client.exportKey, reg.exportKey)).toBe(true);
    expect(constantTimeEqual(client.sessionKey, server.sessionKey)).toBe(true);
  });

  it("rejects a wrong password and an unknown user with the same error code", async () => {
    const setup = await createServerSetup();
    const reg = await register(setup, "user-2", "right");
    await expect(login(setup, "user-2", reg.record, "wrong")).rejects.toMatchObject({ code: "auth_failed" });
    await expect(login(setup, "nobody", null, "right")).rejects.toMatchObject({
      code: "auth_failed",
    });
  });

  it("never puts the password into a request", async () => {
    const setup = await createServerSetup();
    const password = "a-very-distinctive-password";
    const start = await startRegistration(password);
    const { response } = await createRegistrationResponse({
      serverSetup: setup,
      userIdentifier: "u",
      request: start.request,
    });
    const fin = await finishRegistration({
      password,
      state: start.state,
      response,
    });
    for (const sent of [start.request, fin.record]) expect(sent).not.toContain(password);
  });
});
