// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  currentArchiveGeneration,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  openArchiveKey,
  openOrgRootKey,
  toBase64Url,
  verifyOrgLog,
  wrapArchiveKey,
  wrapOrgRootKey,
} from "@obhut/crypto";
import {
  ChangeAccountRole,
  DeactivateAccount,
  ListKeyWraps,
  type NewKeyWrap,
  type StaffRole,
  UploadKeyWraps,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import type { Send } from "../helpers/opaque-client";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  type PreparedSetup,
  type TestAccount,
  appendEntry,
  createStaff,
  createTeamRows,
  fetchLog,
  loggedIn,
  setupOrganisation,
  staffPayload,
} from "./support";

/**
 * Several administrators (issue #14, item 1; ADR 0026) at the API: a second
 * admin exists as a server role only until a confirmed admin certifies their
 * keys in the log (admin-added) and wraps the organisation keys to them; then
 * they sign entries themselves. The last confirmed admin cannot be
 * deactivated (409 last_admin, pending admins do not count); deactivating an
 * admin removes their organisation key wraps, and the remaining admin's
 * admin-removed and archive rotation are accepted, while entries signed by
 * the removed key are not.
 */
describe.each(DIALECTS)("several administrators (%s)", (dialect) => {
  let server: TestServer;
  let org: PreparedSetup;
  let first: Send;
  let second: TestAccount;
  let secondSend: Send;
  const upload = (send: Send, wraps: NewKeyWrap[]) =>
    api(send).call(UploadKeyWraps, { params: { orgId: org.orgId }, body: { wraps } });
  const deactivate = (send: Send, accountId: string) =>
    api(send).call(DeactivateAccount, { params: { orgId: org.orgId, accountId } });
  const changeRole = (send: Send, accountId: string, role: StaffRole) =>
    api(send).call(ChangeAccountRole, { params: { orgId: org.orgId, accountId }, body: { role } });
  const orgWrapsOf = async (accountId: string) =>
    server.ctx.db.db
      .selectFrom("key_wraps")
      .select(["kind", "generation"])
      .where("recipient_account_id", "=", accountId)
      .where("kind", "in", ["org-root", "archive"])
      .orderBy("kind")
      .orderBy("generation")
      .execute();

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    first = await loggedIn(server, org.admin);
    second = await createStaff(server, org.orgId, { role: "org_admin" });
    secondSend = await loggedIn(server, second);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a pending admin cannot sign the log, not even their own admin-added", async () => {
    const own = await appendEntry(secondSend, org, staffPayload("admin-added", second), second.keys.signing);
    expect(own.status).toBe(422);
    expect(errorOf(own)).toMatchObject({ code: "org_log_rejected" });
    expect(errorOf(own).message).toContain("bad_signature");
  });

  it("the last confirmed admin cannot be deactivated while the other admin is pending", async () => {
    const res = await deactivate(secondSend, org.admin.id);
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: "last_admin" });
    const row = await server.ctx.db.db
      .selectFrom("accounts")
      .select("disabled_at")
      .where("id", "=", org.admin.id)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });

  it("the first admin confirms the second: admin-added, staff key, org-root and archive wraps", async () => {
    expect((await appendEntry(first, org, staffPayload("admin-added", second))).status).toBe(201);
    expect((await appendEntry(first, org, staffPayload("staff-key-certified", second))).status).toBe(201);
    const state = verifyOrgLog(await fetchLog(secondSend, org.orgId));
    const wraps: NewKeyWrap[] = [
      {
        kind: "org-root",
        refId: org.orgId,
        generation: 1,
        recipientAccountId: second.id,
        blob: toBase64Url(await wrapOrgRootKey(second.keys.encryption.publicKey, org.root, org.orgId)),
      },
      {
        kind: "archive",
        refId: org.orgId,
        generation: 1,
        recipientAccountId: second.id,
        blob: toBase64Url(await wrapArchiveKey(second.keys.encryption.publicKey, org.archive, org.orgId, 1)),
      },
    ];
    expect((await upload(first, wraps)).status).toBe(201);
    // The second admin's own browser opens both and checks them against the log.
    const mine = (await api(secondSend).call(ListKeyWraps, { query: {} })).body.wraps;
    const root = mine.find((w) => w.kind === "org-root")!;
    const archive = mine.find((w) => w.kind === "archive")!;
    const secret = second.keys.encryption.secretKey;
    expect((await openOrgRootKey(secret, fromBase64Url(root.blob), state)).publicKey).toEqual(org.root.publicKey);
    expect((await openArchiveKey(secret, fromBase64Url(archive.blob), state, 1)).publicKey).toEqual(
      org.archive.publicKey,
    );
  });

  it("the confirmed second admin signs entries: a team and a member", async () => {
    const member = await createStaff(server, org.orgId);
    const teamId = await createTeamRows(server, org.orgId, [member.id]);
    const signer = second.keys.signing;
    expect((await appendEntry(secondSend, org, staffPayload("staff-key-certified", member), signer)).status).toBe(201);
    expect((await appendEntry(secondSend, org, { type: "team-created", teamId }, signer)).status).toBe(201);
    const added = await appendEntry(
      secondSend,
      org,
      { type: "team-member-added", teamId, signingKey: member.keys.signing.publicKey },
      signer,
    );
    expect(added.status).toBe(201);
  });

  it("deactivating the first admin: their org key wraps go, admin-removed and the archive rotation are accepted", async () => {
    expect((await orgWrapsOf(org.admin.id)).length).toBe(2);
    const res = await deactivate(secondSend, org.admin.id);
    expect(res.status).toBe(200);
    expect(await orgWrapsOf(org.admin.id)).toEqual([]);

    const signer = second.keys.signing;
    const removed = await appendEntry(
      secondSend,
      org,
      { type: "admin-removed", signingKey: org.admin.keys.signing.publicKey },
      signer,
    );
    expect(removed.status).toBe(201);
    expect(verifyOrgLog(org.log).archiveRotationOwed).toBe(true);
    const next = generateEncryptionKeyPair();
    expect(
      (await appendEntry(secondSend, org, { type: "archive-key-rotated", archiveKey: next.publicKey }, signer)).status,
    ).toBe(201);
    const state = verifyOrgLog(await fetchLog(secondSend, org.orgId));
    expect(currentArchiveGeneration(state).generation).toBe(2);
    expect(state.archiveRotationOwed).toBe(false);
    const wrap: NewKeyWrap = {
      kind: "archive",
      refId: org.orgId,
      generation: 2,
      recipientAccountId: second.id,
      blob: toBase64Url(await wrapArchiveKey(second.keys.encryption.publicKey, next, org.orgId, 2)),
    };
    expect((await upload(secondSend, [wrap])).status).toBe(201);
    // The deactivated admin is no recipient for organisation keys any more.
    const toFormer = await upload(secondSend, [{ ...wrap, recipientAccountId: org.admin.id }]);
    expect(toFormer.status).toBe(403);
  });

  it("an entry signed by the removed admin's key is refused", async () => {
    const res = await appendEntry(
      secondSend,
      org,
      { type: "archive-key-rotated", archiveKey: generateEncryptionKeyPair().publicKey },
      org.admin.keys.signing,
    );
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toContain("bad_signature");
  });

  it("the root key's authority is handed on: after root-key-rotated the genesis root signs nothing more", async () => {
    const before = await appendEntry(secondSend, org, { type: "team-created", teamId: "none" }, org.root);
    // (refused for the unknown team, but the signature itself was accepted)
    expect(errorOf(before).message).not.toContain("bad_signature");
    const newRoot = generateSigningKeyPair();
    const rotated = await appendEntry(
      secondSend,
      org,
      { type: "root-key-rotated", rootSigningKey: newRoot.publicKey },
      second.keys.signing,
    );
    expect(rotated.status).toBe(201);
    const state = verifyOrgLog(await fetchLog(secondSend, org.orgId));
    expect(state.rootRotationOwed).toBe(false);
    expect(state.rootSigningKey).toEqual(org.root.publicKey);
    const old = await appendEntry(
      secondSend,
      org,
      { type: "archive-key-rotated", archiveKey: generateEncryptionKeyPair().publicKey },
      org.root,
    );
    expect(old.status).toBe(422);
    expect(errorOf(old).message).toContain("bad_signature");
    const byNew = await appendEntry(
      secondSend,
      org,
      { type: "archive-key-rotated", archiveKey: generateEncryptionKeyPair().publicKey },
      newRoot,
    );
    expect(byNew.status).toBe(201);
  });

  it("now the second admin is the last confirmed one: another admin cannot deactivate them", async () => {
    const third = await createStaff(server, org.orgId, { role: "org_admin" });
    const res = await deactivate(await loggedIn(server, third), second.id);
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: "last_admin" });
    // A pending admin can be deactivated by the confirmed one.
    expect((await deactivate(secondSend, third.id)).status).toBe(200);
  });

  it("role change: a promoted counsellor is pending; the last confirmed admin keeps the role; demotion drops org keys", async () => {
    const promoted = await createStaff(server, org.orgId);
    const up = await changeRole(secondSend, promoted.id, "org_admin");
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ account: { id: promoted.id, role: "org_admin" } });
    const promotedSend = await loggedIn(server, promoted);
    // Pending: the server role alone lets them sign nothing.
    const own = await appendEntry(promotedSend, org, staffPayload("admin-added", promoted), promoted.keys.signing);
    expect(own.status).toBe(422);
    // …and they cannot demote the only confirmed admin, nobody can demote themselves.
    const refused = await changeRole(promotedSend, second.id, "counsellor");
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: "last_admin" });
    expect((await changeRole(secondSend, second.id, "counsellor")).status).toBe(403);

    // Confirmed by the second admin, the promoted one may demote the second.
    expect(
      (await appendEntry(secondSend, org, staffPayload("admin-added", promoted), second.keys.signing)).status,
    ).toBe(201);
    const rootWrap: NewKeyWrap = {
      kind: "org-root",
      refId: org.orgId,
      generation: 1,
      recipientAccountId: promoted.id,
      blob: toBase64Url(await wrapOrgRootKey(promoted.keys.encryption.publicKey, org.root, org.orgId)),
    };
    expect((await upload(secondSend, [rootWrap])).status).toBe(201);
    expect((await orgWrapsOf(second.id)).length).toBeGreaterThan(0);
    const down = await changeRole(promotedSend, second.id, "counsellor");
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ account: { role: "counsellor" } });
    expect(await orgWrapsOf(second.id)).toEqual([]);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "account.role_changed")
      .execute();
    expect(audit).toHaveLength(2);
  });
});
