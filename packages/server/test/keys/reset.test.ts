// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createAccountKeys,
  createKeyBundle,
  createTeamKeyGeneration,
  currentTeamKeyGeneration,
  finishRegistration,
  fromBase64Url,
  generateRecoveryCode,
  restoreAccountKeys,
  rotateTeamKey,
  startRegistration,
  teamKeyLogPayload,
  toBase64Url,
  unwrapPreviousTeamKey,
  unwrapTeamKey,
  verifyOrgLog,
  wrapTeamKeyToMembers,
} from "@obhut/crypto";
import {
  CurrentSession,
  GetAccountPublicKeys,
  IssueAccountReset,
  ListAccountResets,
  ListKeyWraps,
  ResetFinish,
  ResetRegisterStart,
  UploadKeyWraps,
  VerifyAccountReset,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { login, type Send } from "../helpers/opaque-client";
import { injectSend, manualClock, startTestServer, type TestServer } from "../helpers/server";
import { expectNoneSent, secretForms } from "./secrets-check";
import {
  FAST_ARGON2,
  type TestAccount,
  type TestOrg,
  appendEntry,
  client,
  createStaff,
  createTeamRows,
  fetchLog,
  loggedIn,
  loginWithKeys,
  newTestId,
  setupOrganisation,
  staffPayload,
} from "./support";

/** The staff member's browser with a reset token: new password, brand-new identity keys and recovery code. */
async function redeemReset(send: Send, token: string, password: string) {
  const client = api(send);
  const reg = await startRegistration(password);
  const r1 = await client.call(ResetRegisterStart, { body: { resetToken: token, registrationRequest: reg.request } });
  if (r1.status !== 200) return { res: r1 };
  const finished = await finishRegistration({ password, state: reg.state, response: r1.body.registrationResponse });
  const keys = createAccountKeys();
  const recoveryCode = generateRecoveryCode();
  const keyBundle = await createKeyBundle({
    keys,
    exportKey: finished.exportKey,
    recoveryCode,
    argon2Params: FAST_ARGON2,
  });
  const res = await client.call(ResetFinish, {
    body: { resetToken: token, registrationRecord: finished.record, keyBundle },
  });
  return { res, keys, recoveryCode };
}

describe.each(DIALECTS)("admin reset for staff who lost password and code (%s)", (dialect) => {
  const clock = manualClock(Date.now());
  let server: TestServer;
  let org: TestOrg;
  let admin: Send;
  let lost: TestAccount, colleague: TestAccount;
  let colleagueSend: Send;
  let teamId: string;
  const gen1 = () => createTeamKeyGeneration(teamId, 1);
  let teamKey: ReturnType<typeof gen1>;
  const issue = (send: Send, accountId: string, orgId = org.orgId) =>
    api(send).call(IssueAccountReset, { params: { orgId, accountId } });

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    org = await setupOrganisation(server);
    admin = await loggedIn(server, org.admin);
    [lost, colleague] = [await createStaff(server, org.orgId), await createStaff(server, org.orgId)];
    colleagueSend = await loggedIn(server, colleague);
    teamId = await createTeamRows(server, org.orgId, [lost.id, colleague.id]);
    teamKey = gen1();
    for (const s of [lost, colleague])
      expect((await appendEntry(admin, org, staffPayload("staff-key-certified", s))).status).toBe(201);
    expect((await appendEntry(admin, org, { type: "team-created", teamId })).status).toBe(201);
    for (const s of [lost, colleague])
      expect(
        (await appendEntry(admin, org, { type: "team-member-added", teamId, signingKey: s.keys.signing.publicKey }))
          .status,
      ).toBe(201);
    expect((await appendEntry(admin, org, teamKeyLogPayload(teamKey))).status).toBe(201);
    const wraps = await wrapTeamKeyToMembers(
      teamKey,
      [lost, colleague].map((s) => ({
        signingKey: s.keys.signing.publicKey,
        encryptionKey: s.keys.encryption.publicKey,
      })),
    );
    const res = await api(admin).call(UploadKeyWraps, {
      params: { orgId: org.orgId },
      body: {
        wraps: wraps.map((w, i) => ({
          kind: "team" as const,
          refId: teamId,
          generation: 1,
          recipientAccountId: [lost, colleague][i]!.id,
          blob: toBase64Url(w.wrapped),
        })),
      },
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => server.stop());

  it("only an admin of the organisation may issue a reset, never for themselves or for clients", async () => {
    expect((await issue(colleagueSend, lost.id)).status).toBe(403);
    expect((await issue(admin, org.admin.id)).status).toBe(403);
    expect((await issue(admin, newTestId())).status).toBe(404);
    const otherOrg = newTestId();
    await server.ctx.db.db
      .insertInto("organisations")
      .values({ id: otherOrg, name: "Andere", root_public_key: null, created_at: 1 })
      .execute();
    const stranger = await loggedIn(server, await createStaff(server, otherOrg, { role: "org_admin" }));
    expect((await issue(stranger, lost.id, org.orgId)).status).toBe(404);
    expect((await issue(stranger, lost.id, otherOrg)).status).toBe(404);
    expect((await issue(injectSend(server), lost.id)).status).toBe(401);
  });

  it("tokens are single use, expire after 24 hours and are stored only as a hash", async () => {
    const first = (await issue(admin, colleague.id)).body as { resetToken: string; expiresAt: number };
    const rows = await server.ctx.db.db.selectFrom("account_resets").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(first.resetToken);
    expect(first.expiresAt).toBe(clock.now() + 24 * 60 * 60 * 1000);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    const expired = await redeemReset(injectSend(server), first.resetToken, "too late a password");
    expect(expired.res.status).toBe(403);
    expect(expired.res.body).toMatchObject({ error: { code: "reset_token_invalid" } });
    // A day later the earlier sessions have idled out too; log in again.
    admin = await loggedIn(server, org.admin);
    colleagueSend = await loggedIn(server, colleague);
    // A newer token replaces an older unused one.
    const older = (await issue(admin, colleague.id)).body;
    await issue(admin, colleague.id);
    expect((await redeemReset(injectSend(server), older.resetToken, "replaced token password")).res.status).toBe(403);
    expect((await login(injectSend(server), colleague.username, colleague.password)).status).toBe(200);
  });

  it("walks the whole sequence: reset, new identity, log revokes and certifies, team key rotated and re-wrapped", async () => {
    const oldSession = client(server);
    oldSession.jar.cookie = (await loginWithKeys(oldSession.send, lost.username, lost.password)).cookie;
    const issued = await issue(admin, lost.id);
    expect(issued.status).toBe(201);
    const { resetToken } = issued.body;

    // 1. The staff member registers a new password and new keys with the token (nothing secret leaves the browser).
    const captured: string[] = [];
    const newPassword = "fresh start passphrase for staff";
    const redeemed = await redeemReset(injectSend(server, { capture: captured }), resetToken, newPassword);
    expect(redeemed.res.status, JSON.stringify(redeemed.res.body)).toBe(200);
    expectNoneSent(captured, secretForms(newPassword));
    expect((await redeemReset(injectSend(server), resetToken, "second use password")).res.status).toBe(403);
    expect((await oldSession.api.call(CurrentSession)).status).toBe(401);
    const newKeys = redeemed.keys!;

    // 2. The admin fetches the new public keys (and would compare fingerprints out of band), revokes the old key,
    //    certifies the new one and puts it back into the team.
    const pub = (await api(admin).call(GetAccountPublicKeys, { params: { orgId: org.orgId, accountId: lost.id } }))
      .body;
    expect(pub.signingPublicKey).toBe(toBase64Url(newKeys.signing.publicKey));
    expect(
      (await appendEntry(admin, org, { type: "staff-key-revoked", signingKey: lost.keys.signing.publicKey })).status,
    ).toBe(201);
    const renewed = { ...lost, keys: newKeys };
    expect((await appendEntry(admin, org, staffPayload("staff-key-certified", renewed))).status).toBe(201);
    expect(
      (await appendEntry(admin, org, { type: "team-member-added", teamId, signingKey: newKeys.signing.publicKey }))
        .status,
    ).toBe(201);

    // 3. A team member rotates the team key (the revoked key left the team), the admin publishes generation 2,
    //    and the member uploads the wraps: generation 2 to both members, generation 1 under generation 2.
    const rotated = await rotateTeamKey({
      current: teamKey,
      members: [colleague.keys, newKeys].map((k) => ({
        signingKey: k.signing.publicKey,
        encryptionKey: k.encryption.publicKey,
      })),
    });
    expect((await appendEntry(admin, org, teamKeyLogPayload(rotated.next))).status).toBe(201);
    const upload = await api(colleagueSend).call(UploadKeyWraps, {
      params: { orgId: org.orgId },
      body: {
        wraps: [
          ...rotated.memberWraps.map((w, i) => ({
            kind: "team" as const,
            refId: teamId,
            generation: 2,
            recipientAccountId: [colleague, lost][i]!.id,
            blob: toBase64Url(w.wrapped),
          })),
          {
            kind: "team-previous",
            refId: teamId,
            generation: 1,
            recipientAccountId: null,
            blob: toBase64Url(rotated.previousWrapped),
          },
        ],
      },
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);

    // 4. On a fresh browser the staff member logs in, restores the new keys, verifies the log and reads the team keys.
    const fresh = client(server);
    const session = await loginWithKeys(fresh.send, lost.username, newPassword);
    fresh.jar.cookie = session.cookie;
    const keys = await restoreAccountKeys(session.keyBundle, { exportKey: session.exportKey });
    expect(keys.signing.publicKey).toEqual(newKeys.signing.publicKey);
    const state = verifyOrgLog(await fetchLog(fresh.send, org.orgId));
    expect(state.retiredKeys.has(toBase64Url(lost.keys.signing.publicKey))).toBe(true);
    expect(state.staff.get(toBase64Url(newKeys.signing.publicKey))?.accountId).toBe(lost.id);
    expect(state.teams.get(teamId)!.members.has(toBase64Url(lost.keys.signing.publicKey))).toBe(false);
    const wraps = (await fresh.api.call(ListKeyWraps, { query: { refId: teamId } })).body.wraps;
    // The wraps for the old identity are gone; only what was wrapped to the new key (and team history) remains.
    expect(wraps.map((w) => `${w.kind}:${w.generation}`).sort()).toEqual(["team-previous:1", "team:2"]);
    const current = await unwrapTeamKey({
      teamId,
      generation: 2,
      expectedPublicKey: currentTeamKeyGeneration(state, teamId).publicKey,
      wrapped: fromBase64Url(wraps.find((w) => w.kind === "team")!.blob),
      memberSecretKey: keys.encryption.secretKey,
    });
    const previous = await unwrapPreviousTeamKey({
      next: current,
      previousWrapped: fromBase64Url(wraps.find((w) => w.kind === "team-previous")!.blob),
      expectedPreviousPublicKey: state.teams.get(teamId)!.generations[0]!.publicKey,
    });
    expect(previous.secretKey).toEqual(teamKey.secretKey);
    // The lost identity cannot open the new generation.
    await expect(
      unwrapTeamKey({
        teamId,
        generation: 2,
        expectedPublicKey: rotated.next.publicKey,
        wrapped: fromBase64Url(wraps.find((w) => w.kind === "team")!.blob),
        memberSecretKey: lost.keys.encryption.secretKey,
      }),
    ).rejects.toThrow();

    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("target_id", "=", lost.id)
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "account.reset_issued", actor_id: org.admin.id },
        { action: "account.reset_completed", actor_id: lost.id },
      ]),
    );
  });

  it("refuses a reset that keeps the old identity keys", async () => {
    const { resetToken } = (await issue(admin, colleague.id)).body;
    const reg = await startRegistration("yet another password");
    const r1 = await apiAs(server).call(ResetRegisterStart, { body: { resetToken, registrationRequest: reg.request } });
    const finished = await finishRegistration({
      password: "yet another password",
      state: reg.state,
      response: r1.body.registrationResponse,
    });
    const res = await apiAs(server).call(ResetFinish, {
      body: { resetToken, registrationRecord: finished.record, keyBundle: colleague.bundle },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { code: "key_mismatch" } });
    expect((await login(injectSend(server), colleague.username, colleague.password)).status).toBe(200);
  });

  it("the reset page checks the token first; the console lists each account's newest reset (admins, DPO)", async () => {
    const issued = (await issue(admin, colleague.id)).body;
    const { name } = await server.ctx.db.db
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", org.orgId)
      .executeTakeFirstOrThrow();
    const verified = await apiAs(server).call(VerifyAccountReset, { body: { resetToken: issued.resetToken } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      username: colleague.username,
      organisationName: name,
      expiresAt: issued.expiresAt,
    });
    // Checking does not use the token up.
    expect((await apiAs(server).call(VerifyAccountReset, { body: { resetToken: issued.resetToken } })).status).toBe(
      200,
    );
    const wrong = await apiAs(server).call(VerifyAccountReset, { body: { resetToken: "A".repeat(43) } });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: "reset_token_invalid" } });

    const listed = await api(admin).call(ListAccountResets, { params: { orgId: org.orgId } });
    expect(listed.status).toBe(200);
    const mine = listed.body.resets.filter((r) => r.accountId === colleague.id);
    expect(mine).toEqual([
      { accountId: colleague.id, createdAt: clock.now(), expiresAt: issued.expiresAt, usedAt: null },
    ]);
    // The earlier walk-through used the lost member's token.
    expect(listed.body.resets.find((r) => r.accountId === lost.id)?.usedAt).toEqual(expect.any(Number));
    expect((await api(colleagueSend).call(ListAccountResets, { params: { orgId: org.orgId } })).status).toBe(403);
    expect((await apiAs(server).call(ListAccountResets, { params: { orgId: org.orgId } })).status).toBe(401);

    // A used token is refused at the check like an unknown one.
    const redeemed = await redeemReset(injectSend(server), issued.resetToken, "colleague's fresh passphrase");
    expect(redeemed.res.status).toBe(200);
    const used = await apiAs(server).call(VerifyAccountReset, { body: { resetToken: issued.resetToken } });
    expect(used.status).toBe(403);
    expect(used.body).toMatchObject({ error: { code: "reset_token_invalid" } });
  });
});
