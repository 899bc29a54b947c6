// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createAccountKeys,
  createKeyBundle,
  encodeOrgLogEntry,
  generateEncryptionKeyPair,
  generateRecoveryCode,
  generateSigningKeyPair,
  toBase64Url,
  wrapContext,
  wrapKey,
} from "@obhut/crypto";
import { InvitationRegisterFinish, VerifyInvitation } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvitation } from "../../src/modules/organisation/invitations";
import { createOrganisation } from "../../src/modules/organisation/organisations";
import { DIALECTS } from "../helpers/databases";
import { apiAs } from "../helpers/api";
import { startTestServer, type TestServer } from "../helpers/server";
import { FAST_ARGON2, newTestId, signChain } from "../keys/support";
import { prepareInvitedSignUp } from "./support";

/**
 * An organisation created by the operator (`obhut admin create-org`) has no
 * root key and no log. Its first admin's browser creates both when accepting
 * the org_admin invitation — the same genesis as the first-start setup.
 */
describe.each(DIALECTS)("first admin of an operator-created organisation (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => server?.stop());

  it("stores the genesis with the first admin's account, exactly once", async () => {
    const org = await createOrganisation(server.ctx, { name: "Träger Ost" });
    const { token } = await issueInvitation(server.ctx.db.db, Date.now(), {
      orgId: org.id,
      role: "org_admin",
      teamId: null,
      createdBy: null,
      ttlMs: 3_600_000,
    });
    const client = apiAs(server);
    expect((await client.call(VerifyInvitation, { body: { token } })).body).toMatchObject({
      organisationId: org.id,
      role: "org_admin",
      needsGenesis: true,
    });

    const password = `admin pw ${newTestId()}`;
    const reg = await prepareInvitedSignUp(client, token, "ost-admin", password);
    const keys = createAccountKeys();
    const keyBundle = await createKeyBundle({
      keys,
      exportKey: reg.exportKey,
      recoveryCode: generateRecoveryCode(),
      argon2Params: FAST_ARGON2,
    });
    const accountId = newTestId();
    const root = generateSigningKeyPair();
    const archive = generateEncryptionKeyPair();
    const log = signChain(root, [
      { type: "genesis", orgId: org.id, rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
      { type: "admin-added", accountId, signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey },
    ]);
    const genesis = {
      accountId,
      organisationRootPublicKey: toBase64Url(root.publicKey),
      orgLog: log.map((e) => toBase64Url(encodeOrgLogEntry(e))),
      orgRootWrap: toBase64Url(
        await wrapKey(keys.encryption.publicKey, root.secretKey, wrapContext("org-root-key", [org.id])),
      ),
      archiveWrap: toBase64Url(
        await wrapKey(keys.encryption.publicKey, archive.secretKey, wrapContext("archive-key", [org.id, 1])),
      ),
    };
    const body = {
      token,
      username: "ost-admin",
      displayName: "Frau Ostermann",
      registrationRecord: reg.registrationRecord,
      keyBundle,
    };

    const without = await client.call(InvitationRegisterFinish, { body });
    expect(without.status).toBe(400);
    // A genesis naming another account as admin is refused atomically: nothing stored, link still usable.
    const wrongAdmin = await client.call(InvitationRegisterFinish, {
      body: {
        ...body,
        genesis: { ...genesis, accountId: newTestId() },
      },
    });
    expect(wrongAdmin.status).toBe(422);
    expect(
      await server.ctx.db.db
        .selectFrom("org_log_entries")
        .select("seq")
        .where("organisation_id", "=", org.id)
        .execute(),
    ).toEqual([]);

    const ok = await client.call(InvitationRegisterFinish, { body: { ...body, genesis } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.account).toMatchObject({
      id: accountId,
      role: "org_admin",
      organisationId: org.id,
    });
    const stored = await server.ctx.db.db
      .selectFrom("organisations")
      .select("root_public_key")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(stored.root_public_key).toBe(genesis.organisationRootPublicKey);
    expect(
      await server.ctx.db.db
        .selectFrom("org_log_entries")
        .select("seq")
        .where("organisation_id", "=", org.id)
        .orderBy("seq")
        .execute(),
    ).toEqual([{ seq: 0 }, { seq: 1 }]);
    const wraps = await server.ctx.db.db
      .selectFrom("key_wraps")
      .select("kind")
      .where("recipient_account_id", "=", accountId)
      .execute();
    expect(wraps.map((w) => w.kind).sort()).toEqual(["archive", "org-root"]);

    // The next invitation of this organisation is an ordinary one.
    const next = await issueInvitation(server.ctx.db.db, Date.now(), {
      orgId: org.id,
      role: "counsellor",
      teamId: null,
      createdBy: accountId,
      ttlMs: 3_600_000,
    });
    expect((await client.call(VerifyInvitation, { body: { token: next.token } })).body).toMatchObject({
      needsGenesis: false,
    });
  });
});
