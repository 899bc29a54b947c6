// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createTeamKeyGeneration,
  currentTeamKeyGeneration,
  fromBase64Url,
  rotateTeamKey,
  teamKeyLogPayload,
  toBase64Url,
  unwrapPreviousTeamKey,
  unwrapTeamKey,
  verifyOrgLog,
  wrapTeamKeyToMembers,
} from "@obhut/crypto";
import { GetAccountPublicKeys, ListKeyWraps, type NewKeyWrap, UploadKeyWraps } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import type { Send } from "../helpers/opaque-client";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  type TestAccount,
  type TestOrg,
  appendEntry,
  createStaff,
  createTeamRows,
  fetchLog,
  loggedIn,
  newTestId,
  setupOrganisation,
  staffPayload,
} from "./support";

describe.each(DIALECTS)("key wraps and public keys (%s)", (dialect) => {
  let server: TestServer;
  let org: TestOrg;
  let admin: Send;
  let a: TestAccount, b: TestAccount, outsider: TestAccount;
  let sendA: Send, sendB: Send, sendOutsider: Send;
  let teamId: string;
  const teamKey = () => createTeamKeyGeneration(teamId, 1);
  let gen1: ReturnType<typeof createTeamKeyGeneration>;
  const upload = (send: Send, wraps: NewKeyWrap[], orgId = org.orgId) =>
    api(send).call(UploadKeyWraps, { params: { orgId }, body: { wraps } });
  const publicKeys = (send: Send, accountId: string) =>
    api(send).call(GetAccountPublicKeys, { params: { orgId: org.orgId, accountId } });
  const teamWrap = async (to: TestAccount, key = gen1): Promise<NewKeyWrap> => {
    const [w] = await wrapTeamKeyToMembers(key, [
      { signingKey: to.keys.signing.publicKey, encryptionKey: to.keys.encryption.publicKey },
    ]);
    return {
      kind: "team",
      refId: teamId,
      generation: key.generation,
      recipientAccountId: to.id,
      blob: toBase64Url(w!.wrapped),
    };
  };
  const wrapsOf = async (send: Send, query: { kind?: NewKeyWrap["kind"]; refId?: string } = {}) =>
    (await api(send).call(ListKeyWraps, { query })).body.wraps;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    admin = await loggedIn(server, org.admin);
    [a, b, outsider] = [
      await createStaff(server, org.orgId),
      await createStaff(server, org.orgId),
      await createStaff(server, org.orgId),
    ];
    [sendA, sendB, sendOutsider] = [
      await loggedIn(server, a),
      await loggedIn(server, b),
      await loggedIn(server, outsider),
    ];
    teamId = await createTeamRows(server, org.orgId, [a.id, b.id]);
    gen1 = teamKey();
    for (const s of [a, b, outsider])
      expect((await appendEntry(admin, org, staffPayload("staff-key-certified", s))).status).toBe(201);
    expect((await appendEntry(admin, org, { type: "team-created", teamId })).status).toBe(201);
    for (const s of [a, b])
      expect(
        (await appendEntry(admin, org, { type: "team-member-added", teamId, signingKey: s.keys.signing.publicKey }))
          .status,
      ).toBe(201);
    expect((await appendEntry(admin, org, teamKeyLogPayload(gen1))).status).toBe(201);
  });
  afterAll(() => server.stop());

  it("serves an account's public keys to members of its organisation, and 404 elsewhere", async () => {
    const res = await publicKeys(admin, a.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accountId: a.id,
      signingPublicKey: a.bundle.signingPublicKey,
      encryptionPublicKey: a.bundle.encryptionPublicKey,
    });
    expect((await publicKeys(sendB, a.id)).status).toBe(200);
    expect((await publicKeys(admin, newTestId())).status).toBe(404);
    const otherOrg = newTestId();
    await server.ctx.db.db
      .insertInto("organisations")
      .values({ id: otherOrg, name: "Andere", root_public_key: null, created_at: 1 })
      .execute();
    const stranger = await createStaff(server, otherOrg, { role: "org_admin" });
    const strangerSend = await loggedIn(server, stranger);
    expect((await publicKeys(strangerSend, a.id)).status).toBe(404);
    // Accounts of another organisation are not found through this one either.
    expect((await publicKeys(admin, stranger.id)).status).toBe(404);
    // Nor may anyone wrap keys into an organisation they do not belong to, or to its accounts.
    expect((await upload(strangerSend, [await teamWrap(a)])).status).toBe(404);
    const toStranger = { ...(await teamWrap(a)), recipientAccountId: stranger.id };
    expect((await upload(admin, [toStranger])).status).toBe(403);
  });

  it("stores an admin's team-key wraps; each member fetches and opens only their own", async () => {
    const res = await upload(admin, [await teamWrap(a)]);
    expect(res.status).toBe(201);
    expect(res.body.ids).toHaveLength(1);
    const state = verifyOrgLog(await fetchLog(sendA, org.orgId));
    const [mine] = await wrapsOf(sendA, { kind: "team", refId: teamId });
    expect(mine).toMatchObject({
      kind: "team",
      refId: teamId,
      generation: 1,
      recipientAccountId: a.id,
      createdBy: org.admin.id,
    });
    const opened = await unwrapTeamKey({
      teamId,
      generation: 1,
      expectedPublicKey: currentTeamKeyGeneration(state, teamId).publicKey,
      wrapped: fromBase64Url(mine!.blob),
      memberSecretKey: a.keys.encryption.secretKey,
    });
    expect(opened.secretKey).toEqual(gen1.secretKey);
    expect(await wrapsOf(sendB)).toEqual([]);
    expect(await wrapsOf(sendOutsider)).toEqual([]);
  });

  it("lets a team member wrap the team key to another member, but not to outsiders", async () => {
    expect((await upload(sendA, [await teamWrap(b)])).status).toBe(201);
    expect((await wrapsOf(sendB, { kind: "team" })).map((w) => w.createdBy)).toEqual([a.id]);
    const toOutsider = await upload(sendA, [await teamWrap(outsider)]);
    expect(toOutsider.status).toBe(403);
    expect(errorOf(toOutsider)).toMatchObject({ code: "forbidden" });
    // A non-member may not upload team keys at all, even to members.
    expect((await upload(sendOutsider, [await teamWrap(a)])).status).toBe(403);
  });

  it("keeps organisation keys between administrators", async () => {
    const blob = (await wrapsOf(admin, { kind: "org-root" }))[0]!.blob;
    const orgRootToA: NewKeyWrap = {
      kind: "org-root",
      refId: org.orgId,
      generation: 1,
      recipientAccountId: a.id,
      blob,
    };
    expect((await upload(admin, [orgRootToA])).status).toBe(403);
    expect((await upload(sendA, [{ ...orgRootToA, recipientAccountId: org.admin.id, generation: 2 }])).status).toBe(
      403,
    );
    expect(
      (await upload(admin, [{ ...orgRootToA, recipientAccountId: org.admin.id, refId: teamId, generation: 2 }])).status,
    ).toBe(403);
  });

  it("refuses a second wrap for the same slot, malformed batches and unknown teams", async () => {
    const dup = await upload(admin, [await teamWrap(a)]);
    expect(dup.status).toBe(409);
    const twice = await upload(admin, [
      await teamWrap(b, createTeamKeyGeneration(teamId, 7)),
      await teamWrap(b, createTeamKeyGeneration(teamId, 7)),
    ]);
    expect(twice.status).toBe(400);
    expect((await upload(admin, [{ ...(await teamWrap(a)), refId: newTestId() }])).status).toBe(403);
    expect((await upload(admin, [{ ...(await teamWrap(a)), blob: "A".repeat(110) }])).status).toBe(400);
    expect((await upload(admin, [])).status).toBe(400);
  });

  it("stores team history wraps without a recipient and serves them to key holders of that team only", async () => {
    const rotated = await rotateTeamKey({
      current: gen1,
      members: [a, b].map((m) => ({
        signingKey: m.keys.signing.publicKey,
        encryptionKey: m.keys.encryption.publicKey,
      })),
    });
    expect((await appendEntry(admin, org, teamKeyLogPayload(rotated.next))).status).toBe(201);
    const history: NewKeyWrap = {
      kind: "team-previous",
      refId: teamId,
      generation: 1,
      recipientAccountId: null,
      blob: toBase64Url(rotated.previousWrapped),
    };
    expect((await upload(sendA, [{ ...history, recipientAccountId: b.id }])).status).toBe(403);
    const memberWraps = rotated.memberWraps.map((w, i) => ({
      kind: "team" as const,
      refId: teamId,
      generation: 2,
      recipientAccountId: [a, b][i]!.id,
      blob: toBase64Url(w.wrapped),
    }));
    expect((await upload(sendA, [history, ...memberWraps])).status).toBe(201);

    const state = verifyOrgLog(await fetchLog(sendB, org.orgId));
    const wraps = await wrapsOf(sendB, { refId: teamId });
    const g2 = await unwrapTeamKey({
      teamId,
      generation: 2,
      expectedPublicKey: currentTeamKeyGeneration(state, teamId).publicKey,
      wrapped: fromBase64Url(wraps.find((w) => w.kind === "team" && w.generation === 2)!.blob),
      memberSecretKey: b.keys.encryption.secretKey,
    });
    const g1 = await unwrapPreviousTeamKey({
      next: g2,
      previousWrapped: fromBase64Url(wraps.find((w) => w.kind === "team-previous")!.blob),
      expectedPreviousPublicKey: state.teams.get(teamId)!.generations[0]!.publicKey,
    });
    expect(g1.secretKey).toEqual(gen1.secretKey);
    expect(await wrapsOf(sendOutsider)).toEqual([]);
  });
});
