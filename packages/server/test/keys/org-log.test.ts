// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type OrgLogEntry,
  encodeOrgLogEntry,
  fingerprint,
  generateSigningKeyPair,
  randomBytes,
  sha256,
  toBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";
import { AppendOrgLogEntry, GetOrgLog } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { login, registerAccount, type Send } from "../helpers/opaque-client";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";
import {
  type TestAccount,
  type TestOrg,
  appendEntry,
  client,
  createStaff,
  createTeamRows,
  entryB64,
  fetchLog,
  loggedIn,
  newTestId,
  setupOrganisation,
  signChain,
  staffPayload,
} from "./support";

describe.each(DIALECTS)("organisation log API (%s)", (dialect) => {
  let server: TestServer;
  let org: TestOrg;
  let admin: Send;
  let staff: TestAccount;
  let staffSend: Send;
  let teamId: string;
  const post = (send: Send, entry: OrgLogEntry | string) =>
    api(send).call(AppendOrgLogEntry, {
      params: { orgId: org.orgId },
      body: { entry: typeof entry === "string" ? entry : entryB64(entry) },
    });
  const readLog = (send: Send, orgId = org.orgId) => api(send).call(GetOrgLog, { params: { orgId } });
  const next = (
    payload: Parameters<typeof signChain>[1][number],
    signer = org.admin.keys.signing,
    previous = org.log.at(-1)!,
  ) => signChain(signer, [payload], previous)[0]!;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    admin = await loggedIn(server, org.admin);
    staff = await createStaff(server, org.orgId);
    staffSend = await loggedIn(server, staff);
    teamId = await createTeamRows(server, org.orgId, [staff.id]);
  });
  afterAll(() => server.stop());

  it("setup stored a genesis chain that verifies against the pinned root fingerprint", async () => {
    const entries = await fetchLog(admin, org.orgId);
    expect(entries).toHaveLength(3);
    const state = verifyOrgLog(entries, { pinnedRootFingerprint: fingerprint(org.root.publicKey, "signing") });
    expect(state.orgId).toBe(org.orgId);
    expect([...state.admins.values()].map((a) => a.accountId)).toEqual([org.admin.id]);
    const page = await api(admin).call(GetOrgLog, { params: { orgId: org.orgId }, query: { after: 1 } });
    expect(page.body.entries.map((e) => e.seq)).toEqual([2]);
  });

  it("lets an admin append entries that extend the verified head, and answers with seq and hash", async () => {
    const entry = next(staffPayload("staff-key-certified", staff));
    const res = await post(admin, entry);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ seq: 3, hash: toBase64Url(sha256(encodeOrgLogEntry(entry))) });
    org.log.push(entry);
    expect((await appendEntry(admin, org, { type: "team-created", teamId })).status).toBe(201);
    expect(
      (await appendEntry(admin, org, { type: "team-member-added", teamId, signingKey: staff.keys.signing.publicKey }))
        .status,
    ).toBe(201);
    const entries = await fetchLog(staffSend, org.orgId);
    expect(entries.map((e) => e.payload.type)).toEqual([
      "genesis",
      "admin-added",
      "staff-key-certified",
      "staff-key-certified",
      "team-created",
      "team-member-added",
    ]);
    expect(verifyOrgLog(entries).teams.get(teamId)?.members.size).toBe(1);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "org_log.appended")
      .execute();
    expect(audit).toHaveLength(3);
  });

  it("refuses tampered entries with stable codes and leaves the log unchanged", async () => {
    const before = await fetchLog(admin, org.orgId);
    const other = await createStaff(server, org.orgId);
    const valid = next(staffPayload("staff-key-certified", other));

    // Changed payload after signing: one byte of the account id.
    const bytes = encodeOrgLogEntry(valid);
    bytes[3 + 8 + 32 + 8 + 1 + 4 + 4 + 2]! ^= 0x01;
    const changed = await post(admin, toBase64Url(bytes));
    expect(changed.status).toBe(422);
    expect(errorOf(changed)).toMatchObject({ code: "org_log_rejected" });

    // Right seq, validly signed by the admin, but chained to an entry that is not the head.
    const forged = { ...org.log.at(-1)!, signature: randomBytes(64) };
    const wrongPrev = await post(
      admin,
      next(staffPayload("staff-key-certified", other), org.admin.keys.signing, forged),
    );
    expect(wrongPrev.status).toBe(422);
    expect(errorOf(wrongPrev)).toMatchObject({
      code: "org_log_rejected",
      message: expect.stringContaining("chain_broken"),
    });

    // Replays: an existing entry again, and a new entry for an already used seq.
    const replay = await post(admin, org.log[1]!);
    expect(replay.status).toBe(409);
    expect(errorOf(replay)).toMatchObject({ code: "org_log_conflict" });
    const oldSeq = await post(
      admin,
      next(staffPayload("staff-key-certified", other), org.admin.keys.signing, org.log.at(-2)!),
    );
    expect(oldSeq.status).toBe(409);

    // Signed by a certified staff key that is not an admin, and by a key nobody knows.
    for (const signer of [staff.keys.signing, generateSigningKeyPair()]) {
      const res = await post(admin, next(staffPayload("staff-key-certified", other), signer));
      expect(res.status).toBe(422);
      expect(errorOf(res)).toMatchObject({
        code: "org_log_rejected",
        message: expect.stringContaining("bad_signature"),
      });
    }

    // Illegal transition: a team member whose key was never certified.
    const uncertified = await post(
      admin,
      next({ type: "team-member-added", teamId, signingKey: other.keys.signing.publicKey }),
    );
    expect(errorOf(uncertified)).toMatchObject({
      code: "org_log_rejected",
      message: expect.stringContaining("invalid_transition"),
    });

    // Valid signature, but the keys are not the ones in that account's key bundle.
    const wrongKeys = await post(
      admin,
      next({
        type: "staff-key-certified",
        accountId: other.id,
        signingKey: generateSigningKeyPair().publicKey,
        encryptionKey: other.keys.encryption.publicKey,
      }),
    );
    expect(wrongKeys.status).toBe(422);

    // Not an entry at all.
    const junk = await post(admin, toBase64Url(randomBytes(300)));
    expect(junk.status).toBe(422);

    const after = await fetchLog(admin, org.orgId);
    expect(after.map((e) => toBase64Url(encodeOrgLogEntry(e)))).toEqual(
      before.map((e) => toBase64Url(encodeOrgLogEntry(e))),
    );
    expect((await post(admin, valid)).status).toBe(201);
    org.log.push(valid);
  });

  it("lets exactly one of two concurrent appends for the same seq win", async () => {
    const [teamA, teamB] = [await createTeamRows(server, org.orgId, []), await createTeamRows(server, org.orgId, [])];
    const a = next({ type: "team-created", teamId: teamA });
    const b = next({ type: "team-created", teamId: teamB });
    const results = await Promise.all([post(admin, a), post(admin, b)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const entries = await fetchLog(admin, org.orgId);
    verifyOrgLog(entries);
    org.log.push(results[0]!.status === 201 ? a : b);
    expect(entries.at(-1)!.seq).toBe(org.log.at(-1)!.seq);
  });

  it("allows only admins of the organisation to append; other organisations see 404", async () => {
    const payload = { type: "team-created" as const, teamId: await createTeamRows(server, org.orgId, []) };
    const asStaff = await post(staffSend, next(payload));
    expect(asStaff.status).toBe(403);
    expect(errorOf(asStaff)).toMatchObject({ code: "forbidden" });

    const otherOrgId = newTestId();
    await server.ctx.db.db
      .insertInto("organisations")
      .values({ id: otherOrgId, name: "Andere", root_public_key: null, created_at: 1 })
      .execute();
    const otherAdmin = await loggedIn(server, await createStaff(server, otherOrgId, { role: "org_admin" }));
    expect((await post(otherAdmin, next(payload))).status).toBe(404);
    expect((await readLog(otherAdmin)).status).toBe(404);
    expect((await readLog(admin, newTestId())).status).toBe(404);

    const anonymous = injectSend(server);
    expect((await readLog(anonymous)).status).toBe(401);
    expect((await post(anonymous, next(payload))).status).toBe(401);
  });

  it("lets clients read the log (they verify staff keys against it) but not write it", async () => {
    const c = client(server);
    expect((await registerAccount(c.send, "Wolke-7", "client password long enough")).status).toBe(201);
    c.jar.cookie = (await login(c.send, "wolke-7", "client password long enough")).cookie;
    const entries = await fetchLog(c.send, org.orgId);
    expect(verifyOrgLog(entries).head.seq).toBe(org.log.length - 1);
    expect((await post(c.send, next({ type: "team-created", teamId: newTestId() }))).status).toBe(404);
  });
});
