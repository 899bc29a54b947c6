// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  fingerprint,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  restoreAccountKeys,
  sha256,
  toBase64Url,
  toHex,
  utf8Encode,
  verifyOrgLog,
} from "@obhut/crypto";
import type { KeyBundle } from "@obhut/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../api/client";
import { createFakeAuthServer, type FakeAuthServer } from "../auth/fake-auth-server";
import { clearSession, getSession } from "../keys/session-store";
import { createGenesis } from "./genesis";
import { completeSetup, prepareSetup, sendSetup, type SetupFinishBody, type SetupStep } from "./complete-setup";
import { SetupFlowError } from "./setup-error";

const argon2Params = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
const TOKEN = "T".repeat(32);
const INPUT = {
  token: TOKEN,
  organisationName: "Beratung Nord e. V.",
  displayName: "Frau Admin",
  username: "leitung",
  password: "ein langer Satz über Möwen",
  recoveryCode: "legal winner thank year wave sausage worth useful legal winner thank yellow",
};

/**
 * The setup endpoints on top of the fake auth server (real OPAQUE server
 * half): it checks the genesis like the real server, stores the account so
 * the login works, and lets a test break the final request.
 */
interface FakeSetupServer {
  api: ApiClient;
  auth: FakeAuthServer;
  finished: SetupFinishBody | null;
  log: string[];
  calls: { path: string; body: unknown }[];
  /** "before": connection lost before the server stores; "after": stored, answer lost. */
  breakFinish: "before" | "after" | null;
  mfaRequired: boolean;
}

async function createFakeSetupServer(): Promise<FakeSetupServer> {
  const auth = await createFakeAuthServer();
  const fake: FakeSetupServer = {
    api: undefined as unknown as ApiClient,
    auth,
    finished: null,
    log: [],
    calls: [],
    breakFinish: null,
    mfaRequired: false,
  };
  // OPAQUE registration goes through the auth fake's register/start: same server key as its login.
  const handle = async (path: string, body: Record<string, unknown>, params?: Record<string, string>) => {
    switch (path) {
      case "/api/setup/register/start": {
        if (body.token !== TOKEN) throw new ApiError("setup_token_invalid", "bad", 403);
        return auth.api.request(
          { method: "POST", path: "/api/auth/register/start" } as never,
          {
            body: { username: body.username, registrationRequest: body.registrationRequest },
          } as never,
        );
      }
      case "/api/setup/finish": {
        if (fake.breakFinish === "before") {
          fake.breakFinish = null;
          throw new ApiError("network_error", "offline", 0);
        }
        if (fake.finished) throw new ApiError("setup_already_done", "done", 409);
        if (body.token !== TOKEN) throw new ApiError("setup_token_invalid", "bad", 403);
        const finish = body as unknown as SetupFinishBody;
        try {
          const state = verifyOrgLog(
            finish.orgLog.map((e) => fromBase64Url(e)),
            { pinnedRootFingerprint: fingerprint(fromBase64Url(finish.organisationRootPublicKey)) },
          );
          if (state.admins.get(finish.keyBundle.signingPublicKey)?.accountId !== finish.accountId) throw new Error();
        } catch {
          throw new ApiError("org_log_rejected", "refused", 422);
        }
        fake.finished = finish;
        fake.log = finish.orgLog;
        auth.accounts.set(finish.username.toLowerCase(), {
          record: finish.registrationRecord,
          keyBundle: finish.keyBundle as KeyBundle,
          account: {
            id: finish.accountId,
            username: finish.username.toLowerCase(),
            kind: "staff",
            role: "org_admin",
            organisationId: finish.organisationId,
          },
        });
        if (fake.breakFinish === "after") {
          fake.breakFinish = null;
          throw new ApiError("network_error", "offline", 0);
        }
        return { organisationId: finish.organisationId, account: {} };
      }
      case "/api/organisations/:orgId/log": {
        if (fake.mfaRequired) throw new ApiError("mfa_required", "second factor", 403);
        if (params?.orgId !== fake.finished?.organisationId) throw new ApiError("not_found", "no", 404);
        return { entries: fake.log.map((entry, seq) => ({ seq, hash: "h", entry })), hasMore: false };
      }
      default:
        return auth.api.request({ path } as never, { body } as never);
    }
  };
  fake.api = {
    request: async (endpoint: { path: string }, input: { body?: unknown; params?: Record<string, string> } = {}) => {
      fake.calls.push({ path: endpoint.path, body: input.body });
      return handle(endpoint.path, (input.body ?? {}) as Record<string, unknown>, input.params);
    },
  } as unknown as ApiClient;
  return fake;
}

let server: FakeSetupServer;

beforeEach(async () => {
  server = await createFakeSetupServer();
});

afterEach(() => clearSession());

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SetupFlowError);
  return (error as SetupFlowError).reason;
}

/** The secret and every fixed function of it a test can compute cheaply. */
function variants(secret: string): string[] {
  const digest = sha256(utf8Encode(secret));
  const bytes = utf8Encode(secret);
  return [
    secret,
    toHex(bytes),
    toBase64Url(bytes),
    toHex(digest),
    toBase64Url(digest),
    btoa(String.fromCharCode(...digest)),
  ];
}

describe("setup in the browser", () => {
  it("registers, builds and checks the genesis, logs in and verifies the server's log", async () => {
    const steps: SetupStep[] = [];
    const result = await completeSetup(INPUT, { api: server.api, argon2Params, onStep: (s) => steps.push(s) });
    expect(steps).toEqual(["password", "keys", "recovery", "genesis", "check", "send", "login", "verify"]);
    expect(result.followUp).toBe("ready");
    const body = server.finished!;
    expect(result.organisationId).toBe(body.organisationId);
    expect(result.rootFingerprint).toBe(fingerprint(fromBase64Url(body.organisationRootPublicKey)));
    expect(body.orgLog).toHaveLength(3);
    // The key bundle carries the mandatory recovery wrap, and the code opens it.
    expect(body.keyBundle.masterWrapRecovery).toBeDefined();
    const viaCode = await restoreAccountKeys(body.keyBundle as KeyBundle, { recoveryCode: INPUT.recoveryCode });
    expect(toBase64Url(viaCode.signing.publicKey)).toBe(body.keyBundle.signingPublicKey);
    // The session holds the administrator's keys, restored from what the server stored.
    expect(getSession()?.account.role).toBe("org_admin");
    expect(toBase64Url(getSession()!.keys.signing.publicKey)).toBe(body.keyBundle.signingPublicKey);
    const wire = JSON.stringify(server.calls);
    for (const secret of [...variants(INPUT.password), ...variants(INPUT.recoveryCode)]) {
      expect(wire).not.toContain(secret);
    }
  });

  it("fails closed: a broken OPAQUE answer stops everything before the final request", async () => {
    server.auth.tamper.registrationResponse = () => toBase64Url(new Uint8Array(64).fill(7));
    expect(await failure(completeSetup(INPUT, { api: server.api, argon2Params }))).toBe("crypto");
    expect(server.calls.map((c) => c.path)).toEqual(["/api/setup/register/start"]);
    expect(server.finished).toBeNull();
  });

  it("resends exactly the same setup after the connection broke before the server stored it", async () => {
    const prepared = await prepareSetup(INPUT, { api: server.api, argon2Params });
    server.breakFinish = "before";
    expect(await failure(sendSetup(prepared, INPUT.password, { api: server.api }))).toBe("interrupted");
    expect(server.finished).toBeNull();
    const result = await sendSetup(prepared, INPUT.password, { api: server.api, retry: true });
    expect(result.followUp).toBe("ready");
    const finishes = server.calls.filter((c) => c.path === "/api/setup/finish");
    expect(finishes).toHaveLength(2);
    expect(JSON.stringify(finishes[1]!.body)).toBe(JSON.stringify(finishes[0]!.body));
  });

  it("recognises its own setup when the answer was lost after the server stored it", async () => {
    const prepared = await prepareSetup(INPUT, { api: server.api, argon2Params });
    server.breakFinish = "after";
    expect(await failure(sendSetup(prepared, INPUT.password, { api: server.api }))).toBe("interrupted");
    const result = await sendSetup(prepared, INPUT.password, { api: server.api, retry: true });
    expect(result.followUp).toBe("ready");
    expect(result.rootFingerprint).toBe(prepared.rootFingerprint);
  });

  it("says 'already set up' when somebody else's setup won, even on a retry", async () => {
    await completeSetup(INPUT, { api: server.api, argon2Params });
    clearSession();
    const other = await prepareSetup(
      { ...INPUT, password: "a different long password" },
      { api: server.api, argon2Params },
    );
    expect(await failure(sendSetup(other, "a different long password", { api: server.api, retry: true }))).toBe(
      "already_done",
    );
    expect(getSession()).toBeNull();
  });

  it("reports a required second factor instead of failing once the organisation exists", async () => {
    server.mfaRequired = true;
    const result = await completeSetup(INPUT, { api: server.api, argon2Params });
    expect(result.followUp).toBe("mfa_required");
    expect(server.finished).not.toBeNull();
  });

  it("warns when the server hands back a log that is not this genesis", async () => {
    const prepared = await prepareSetup(INPUT, { api: server.api, argon2Params });
    const stranger = await createGenesis({
      account: { signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() },
      organisationId: prepared.body.organisationId,
    });
    expect((await sendSetup(prepared, INPUT.password, { api: server.api })).followUp).toBe("ready");
    // Another root key's log for the same organisation id: a swapped or forged log.
    server.log = stranger.orgLog;
    const again = await sendSetup(prepared, INPUT.password, { api: server.api, retry: true });
    expect(again.followUp).toBe("log_mismatch");
  });

  it("maps server answers to what the page explains", async () => {
    expect(await failure(completeSetup({ ...INPUT, token: "W".repeat(32) }, { api: server.api, argon2Params }))).toBe(
      "link_invalid",
    );
    const conflict = {
      request: async () => {
        throw new ApiError("conflict", "taken", 409);
      },
    } as unknown as ApiClient;
    expect(await failure(completeSetup(INPUT, { api: conflict, argon2Params }))).toBe("name_taken");
    const offline = {
      request: async () => {
        throw new ApiError("network_error", "offline", 0);
      },
    } as unknown as ApiClient;
    // Offline before the final request: nothing can have been created.
    expect(await failure(completeSetup(INPUT, { api: offline, argon2Params }))).toBe("network");
  });
});
