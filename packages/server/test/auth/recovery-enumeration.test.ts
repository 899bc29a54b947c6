// SPDX-License-Identifier: AGPL-3.0-or-later
import { toBase64Url } from "@obhut/crypto";
import type * as Crypto from "@obhut/crypto";
import { LoginStart, RecoveryFinish, RecoveryRegisterStart, RecoveryStart } from "@obhut/protocol";
import * as opaque from "@serenity-kit/opaque";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { apiAs, type ApiClient } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { registerAccount } from "../helpers/opaque-client";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";
import { createStaff, setupOrganisation } from "../keys/support";

/*
 * Issue #13, finding 6: recovery (and login) step 1 must do the same work for
 * every name, so neither the answer nor the time it takes tells whether an
 * account exists. Work is compared, not wall-clock time: the key derivations
 * the decoy needs (counted through the crypto package) and the database
 * queries (counted through the server's own query metric).
 */
const work = vi.hoisted(() => ({ keyPairs: 0 }));
vi.mock("@obhut/crypto", async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  return {
    ...real,
    generateSigningKeyPair: (seed?: Uint8Array) => {
      work.keyPairs += 1;
      return real.generateSigningKeyPair(seed);
    },
    generateEncryptionKeyPair: (seed?: Uint8Array) => {
      work.keyPairs += 1;
      return real.generateEncryptionKeyPair(seed);
    },
  };
});

type Answer = { status: number; body: Record<string, string>; keyPairs: number; queries: number };

describe.each(DIALECTS)("no account enumeration through recovery or login (%s)", (dialect) => {
  let server: TestServer;
  const names = { withWrap: "", withoutWrap: "", disabled: "", unknown: "" };
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const org = await setupOrganisation(server);
    names.withWrap = (await createStaff(server, org.orgId)).username;
    const disabled = await createStaff(server, org.orgId);
    await server.ctx.db.db
      .updateTable("accounts")
      .set({ disabled_at: Date.now() })
      .where("id", "=", disabled.id)
      .execute();
    names.disabled = disabled.username;
    // A client account without a recovery wrap.
    expect((await registerAccount(injectSend(server), `no-wrap-${dialect}`, "a long password 42")).status).toBe(201);
    names.withoutWrap = `no-wrap-${dialect}`;
    names.unknown = `nobody-${dialect}`;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    work.keyPairs = 0;
  });

  async function queries(): Promise<number> {
    const metric = await server.ctx.metrics.dbQueryDuration.get();
    return metric.values.filter((v) => v.metricName?.endsWith("_count")).reduce((sum, v) => sum + v.value, 0);
  }

  async function measure(call: (client: ApiClient) => Promise<{ status: number; body: unknown }>): Promise<Answer> {
    const client = apiAs(server);
    work.keyPairs = 0;
    const before = await queries();
    const res = await call(client);
    return {
      status: res.status,
      body: res.body as Record<string, string>,
      keyPairs: work.keyPairs,
      queries: (await queries()) - before,
    };
  }

  function expectSameWork(answers: Answer[]): void {
    const [first, ...rest] = answers;
    for (const a of rest) {
      expect(a.status).toBe(first!.status);
      expect(Object.keys(a.body)).toEqual(Object.keys(first!.body));
      for (const k of Object.keys(first!.body)) expect(a.body[k]!.length, k).toBe(first!.body[k]!.length);
      expect(a.keyPairs).toBe(first!.keyPairs);
      expect(a.queries).toBe(first!.queries);
    }
  }

  it("recovery/start derives decoy material and runs the same queries for every name", async () => {
    const answers: Answer[] = [];
    for (const username of [names.withWrap, names.unknown, names.disabled, names.withoutWrap])
      answers.push(await measure((client) => client.call(RecoveryStart, { body: { username } })));
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.keyPairs).toBeGreaterThan(0);
    expectSameWork(answers);
  });

  it("recovery register-start and a wrong finish do the same work for real and decoy states", async () => {
    await opaque.ready;
    const answers: { register: Answer; finish: Answer }[] = [];
    for (const username of [names.withWrap, names.unknown]) {
      const start = (await apiAs(server).call(RecoveryStart, { body: { username } })).body;
      const registrationRequest = opaque.client.startRegistration({ password: "new password" }).registrationRequest;
      const register = await measure((c) =>
        c.call(RecoveryRegisterStart, { body: { recoveryId: start.recoveryId, registrationRequest } }),
      );
      const finish = await measure((c) =>
        c.call(RecoveryFinish, {
          body: {
            recoveryId: start.recoveryId,
            signature: toBase64Url(new Uint8Array(64)),
            registrationRecord: "A".repeat(40),
            keyBundle: {
              version: 1,
              signingPublicKey: start.signingPublicKey,
              encryptionPublicKey: start.encryptionPublicKey,
              encryptedPrivateKeys: start.encryptedPrivateKeys,
              masterWrapExport: "B".repeat(86),
            },
          },
        }),
      );
      answers.push({ register, finish });
    }
    expect(answers[0]!.finish.status).toBe(401);
    expectSameWork(answers.map((a) => a.register));
    expectSameWork(answers.map((a) => a.finish));
    expect(answers[1]!.finish.body).toEqual(answers[0]!.finish.body);
  });

  it("login/start runs the same queries and answers in the same shape for every name", async () => {
    await opaque.ready;
    const startLoginRequest = opaque.client.startLogin({ password: "a guess" }).startLoginRequest;
    const answers: Answer[] = [];
    for (const username of [names.withWrap, names.unknown, names.disabled, names.withoutWrap])
      answers.push(await measure((client) => client.call(LoginStart, { body: { username, startLoginRequest } })));
    expect(answers[0]!.status).toBe(200);
    expectSameWork(answers);
  });
});
