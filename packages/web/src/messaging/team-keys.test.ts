// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type OrgLogEntry,
  type OrgLogPayload,
  type TeamKeyGeneration,
  createAccountKeys,
  createEpoch,
  createOrgLogEntry,
  createTeamKeyGeneration,
  decodeEpochRecord,
  encodeEpochRecord,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  rotateTeamKey,
  teamKeyLogPayload,
  toBase64Url,
  unwrapEpochKey,
  verifyOrgLog,
  wrapTeamKeyToMembers,
} from "@obhut/crypto";
import type { KeyWrapView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { type CaseTeamWrap, type EpochListing, type StaffKeyDeps, StaffKeyring } from "./team-keys";

/**
 * A small organisation built with the real crypto: root and archive keys,
 * counsellors A and B in team T (key rotated once: generations 1 and 2) and
 * counsellor C in team U; a case whose first epoch the client signed under
 * T's generation 1 and whose second epoch A signed under generation 2.
 */
async function world() {
  const root = generateSigningKeyPair();
  const archive = generateEncryptionKeyPair();
  const a = { id: "acc-a", keys: createAccountKeys() };
  const b = { id: "acc-b", keys: createAccountKeys() };
  const c = { id: "acc-c", keys: createAccountKeys() };
  const client = { id: "acc-client", keys: createAccountKeys() };
  const member = (x: { keys: AccountKeys }) => ({
    signingKey: x.keys.signing.publicKey,
    encryptionKey: x.keys.encryption.publicKey,
  });
  const t1 = createTeamKeyGeneration("team-t", 1);
  const rotation = await rotateTeamKey({ current: t1, members: [member(a), member(b)] });
  const t2 = rotation.next;
  const u1 = createTeamKeyGeneration("team-u", 1);
  const payloads: OrgLogPayload[] = [
    { type: "genesis", orgId: "org-1", rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
    ...[a, b, c].map((x): OrgLogPayload => ({ type: "staff-key-certified", accountId: x.id, ...member(x) })),
    { type: "team-created", teamId: "team-t" },
    { type: "team-member-added", teamId: "team-t", signingKey: a.keys.signing.publicKey },
    { type: "team-member-added", teamId: "team-t", signingKey: b.keys.signing.publicKey },
    teamKeyLogPayload(t1),
    teamKeyLogPayload(t2),
    { type: "team-created", teamId: "team-u" },
    { type: "team-member-added", teamId: "team-u", signingKey: c.keys.signing.publicKey },
    teamKeyLogPayload(u1),
  ];
  let previous: OrgLogEntry | null = null;
  const entries = payloads.map((payload) => {
    previous = createOrgLogEntry({ previous, payload, signer: root, timestamp: 1 });
    return previous;
  });
  const state = verifyOrgLog(entries);

  const wrapView = (w: Partial<KeyWrapView> & Pick<KeyWrapView, "kind" | "refId" | "generation" | "blob">) =>
    ({
      id: `w-${Math.random()}`,
      organisationId: "org-1",
      recipientAccountId: null,
      createdBy: "x",
      createdAt: 1,
      ...w,
    }) as KeyWrapView;
  // A and B hold generation 2 directly (after the rotation) plus the history wrap of generation 1.
  const keyWraps: KeyWrapView[] = [
    ...rotation.memberWraps.map((w, i) =>
      wrapView({
        kind: "team",
        refId: "team-t",
        generation: 2,
        recipientAccountId: [a, b][i]!.id,
        blob: toBase64Url(w.wrapped),
      }),
    ),
    wrapView({ kind: "team-previous", refId: "team-t", generation: 1, blob: toBase64Url(rotation.previousWrapped) }),
    ...(await wrapTeamKeyToMembers(u1, [member(c)])).map((w) =>
      wrapView({
        kind: "team",
        refId: "team-u",
        generation: 1,
        recipientAccountId: c.id,
        blob: toBase64Url(w.wrapped),
      }),
    ),
  ];

  const conversationId = "conv-case";
  const e1 = await createEpoch({
    conversationId,
    previous: null,
    participants: [member(client)],
    team: { teamId: "team-t", generation: 1, publicKey: t1.publicKey },
    archiveKey: archive.publicKey,
    signer: client.keys.signing,
    timestamp: 1,
  });
  const e2 = await createEpoch({
    conversationId,
    previous: e1.record,
    participants: [member(client), member(a)],
    team: { teamId: "team-t", generation: 2, publicKey: t2.publicKey },
    archiveKey: archive.publicKey,
    signer: a.keys.signing,
    timestamp: 2,
  });
  const server = {
    epochs: new Map<string, EpochListing>([
      [
        conversationId,
        {
          epochs: [
            { epoch: 1, record: toBase64Url(encodeEpochRecord(e1.record)), createdBy: client.id },
            { epoch: 2, record: toBase64Url(encodeEpochRecord(e2.record)), createdBy: a.id },
          ],
          wraps: [],
        },
      ],
    ]),
    teamWraps: [
      { conversationId, epoch: 1, teamId: "team-t", generation: 1, wrap: toBase64Url(e1.wraps.team) },
      { conversationId, epoch: 2, teamId: "team-t", generation: 2, wrap: toBase64Url(e2.wraps.team) },
    ] as CaseTeamWrap[],
    keyWraps,
    clientKey: null as Uint8Array | null,
  };
  const deps = (overrides: Partial<StaffKeyDeps> = {}): StaffKeyDeps => ({
    orgState: () => Promise.resolve(state),
    keyWraps: () => Promise.resolve(server.keyWraps),
    caseTeamWraps: () => Promise.resolve(server.teamWraps),
    epochs: (id) => Promise.resolve(server.epochs.get(id) ?? { epochs: [], wraps: [] }),
    clientSigningKey: () => Promise.resolve(server.clientKey),
    ...overrides,
  });
  const ctx = {
    caseId: "case-1",
    teamId: "team-t",
    clientId: client.id,
    conversationId,
    notesConversationId: null as string | null,
  };
  const ring = (who: { id: string; keys: AccountKeys }, d = deps()) =>
    new StaffKeyring({ accountId: who.id, keys: who.keys }, d);
  return { a, b, c, client, t1, t2, u1, e1, e2, archive, server, deps, ctx, ring, wrapView };
}

function onlyEpochOne(w: Awaited<ReturnType<typeof world>>): void {
  const listing = w.server.epochs.get(w.ctx.conversationId)!;
  listing.epochs = listing.epochs.filter((e) => e.epoch === 1);
}

describe("StaffKeyring", () => {
  it("opens every epoch of a case through the team key, walking back one generation for old epochs", async () => {
    const w = await world();
    const ring = w.ring(w.b);
    expect((await ring.epochKey(w.ctx, w.ctx.conversationId, 1)).epochKey).toEqual(w.e1.epochKey);
    expect((await ring.epochKey(w.ctx, w.ctx.conversationId, 2)).epochKey).toEqual(w.e2.epochKey);
    expect(await ring.myTeamIds()).toEqual(["team-t"]);
  });

  it("refuses a team key the org log does not know (server-made key wrapped to me)", async () => {
    const w = await world();
    const fake: TeamKeyGeneration = createTeamKeyGeneration("team-t", 2);
    const [forged] = await wrapTeamKeyToMembers(fake, [
      { signingKey: w.b.keys.signing.publicKey, encryptionKey: w.b.keys.encryption.publicKey },
    ]);
    w.server.keyWraps = w.server.keyWraps.map((k) =>
      k.kind === "team" && k.recipientAccountId === w.b.id ? { ...k, blob: toBase64Url(forged!.wrapped) } : k,
    );
    await expect(w.ring(w.b).teamKey("team-t", 2)).rejects.toMatchObject({ code: "unknown_key" });
  });

  it("refuses an epoch record signed by a key that is neither certified staff nor the case's client", async () => {
    const w = await world();
    const stranger = createAccountKeys();
    const forged = await createEpoch({
      conversationId: w.ctx.conversationId,
      previous: w.e1.record,
      participants: [],
      team: { teamId: "team-t", generation: 2, publicKey: w.t2.publicKey },
      archiveKey: w.archive.publicKey,
      signer: stranger.signing,
      timestamp: 3,
    });
    w.server.epochs.get(w.ctx.conversationId)!.epochs[1] = {
      epoch: 2,
      record: toBase64Url(encodeEpochRecord(forged.record)),
      createdBy: w.a.id,
    };
    await expect(w.ring(w.b).epochKey(w.ctx, w.ctx.conversationId, 2)).rejects.toMatchObject({ code: "unknown_key" });
  });

  it("accepts epoch 1 signed by a former client's key when a later staff-signed epoch chains to it (re-bound case)", async () => {
    const w = await world();
    // After a re-binding the server reports the new client's key; epoch 2 (signed by A) vouches for epoch 1.
    w.server.clientKey = createAccountKeys().signing.publicKey;
    expect((await w.ring(w.b).epochKey(w.ctx, w.ctx.conversationId, 1)).epochKey).toEqual(w.e1.epochKey);
  });

  it("re-binds: the next epoch signed by me for the new client, and every earlier key wrapped to the new client", async () => {
    const w = await world();
    const fresh = createAccountKeys();
    const newClient = {
      accountId: "acc-new",
      signingKey: fresh.signing.publicKey,
      encryptionKey: fresh.encryption.publicKey,
    };
    const body = await w.ring(w.a).rebindEpochs(w.ctx, newClient, 9);
    const record = decodeEpochRecord(fromBase64Url(body.epoch.record));
    expect(record).toMatchObject({ epoch: 3, teamId: "team-t", teamKeyGeneration: 2 });
    expect(record.signerKeyId).toEqual(w.a.keys.signing.publicKey);
    expect(body.epoch.wraps.map((x) => x.recipientId).sort()).toEqual(["acc-a", "acc-new"]);
    const opened = await Promise.all(
      body.historyWraps.map(async (h) =>
        unwrapEpochKey({
          record: h.epoch === 1 ? w.e1.record : w.e2.record,
          role: "participant",
          wrapped: fromBase64Url(h.wrap),
          recipientSecretKey: fresh.encryption.secretKey,
        }),
      ),
    );
    expect(opened).toEqual([w.e1.epochKey, w.e2.epochKey]);
  });

  it("after re-binding, a colleague pins the new client's key only if the counsellor's epoch names it", async () => {
    const w = await world();
    const fresh = createAccountKeys();
    const newClient = {
      accountId: "acc-new",
      signingKey: fresh.signing.publicKey,
      encryptionKey: fresh.encryption.publicKey,
    };
    const body = await w.ring(w.a).rebindEpochs(w.ctx, newClient, 9);
    w.server.epochs.get(w.ctx.conversationId)!.epochs.push({ epoch: 3, record: body.epoch.record, createdBy: w.a.id });
    const ctx = { ...w.ctx, clientId: "acc-new" };
    const answering = (keys: AccountKeys) =>
      w.deps({
        caseClientKeys: () =>
          Promise.resolve({ signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey }),
      });
    const trust = await w.ring(w.b, answering(fresh)).caseTrust(ctx, ctx.conversationId);
    expect(trust.senderAccountId(fresh.signing.publicKey)).toBe("acc-new");
    // A key the server swapped in is not named by the signed members hash: not the client.
    const other = createAccountKeys();
    const refused = await w.ring(w.b, answering(other)).caseTrust(ctx, ctx.conversationId);
    expect(refused.senderAccountId(other.signing.publicKey)).toBeNull();
  });

  it("pins the client's key from the server when it answers, and then refuses an epoch 1 signed by another key", async () => {
    const w = await world();
    // Epoch 1 alone: no later staff-signed record vouches for it (a re-bound case's rule, messaging/vouching.ts).
    onlyEpochOne(w);
    w.server.clientKey = createAccountKeys().signing.publicKey;
    await expect(w.ring(w.b).epochKey(w.ctx, w.ctx.conversationId, 1)).rejects.toMatchObject({
      code: "unknown_key",
    });
    w.server.clientKey = w.client.keys.signing.publicKey;
    expect((await w.ring(w.b).epochKey(w.ctx, w.ctx.conversationId, 1)).epochKey).toEqual(w.e1.epochKey);
  });

  it("does not trust an epoch 1 signer on first use when the record was not created by the client", async () => {
    const w = await world();
    onlyEpochOne(w);
    w.server.epochs.get(w.ctx.conversationId)!.epochs[0]!.createdBy = "someone-else";
    await expect(w.ring(w.b).epochKey(w.ctx, w.ctx.conversationId, 1)).rejects.toMatchObject({
      code: "unknown_key",
    });
  });

  it("re-wraps every epoch key of the case to another team's current key for a handover", async () => {
    const w = await world();
    const wraps = await w.ring(w.a).rewrapForTeam(w.ctx, "team-u");
    expect(wraps.map((x) => [x.epoch, x.generation])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    // Counsellor C of team U opens them with the team role, checked against the signed commitment.
    w.server.teamWraps = wraps.map((x) => ({ ...x, teamId: "team-u" }));
    const ring = w.ring(w.c);
    const ctx = { ...w.ctx, teamId: "team-u" };
    expect((await ring.epochKey(ctx, ctx.conversationId, 1)).epochKey).toEqual(w.e1.epochKey);
    expect((await ring.epochKey(ctx, ctx.conversationId, 2)).epochKey).toEqual(w.e2.epochKey);
    // Before the handover C could not read the case.
    w.server.teamWraps = w.server.teamWraps.filter(() => false);
    await expect(w.ring(w.c).epochKey(ctx, ctx.conversationId, 2)).rejects.toThrow();
  });

  it("creates the notes epoch: only me as participant, wrapped to the team's current key and the archive key", async () => {
    const w = await world();
    const { body, opened } = await w.ring(w.a).createNotesEpoch("team-t", "conv-notes", 5);
    const record = decodeEpochRecord(fromBase64Url(body.record));
    expect(record).toMatchObject({ conversationId: "conv-notes", epoch: 1, teamId: "team-t", teamKeyGeneration: 2 });
    expect(record.archiveKey).toEqual(w.archive.publicKey);
    expect(record.signerKeyId).toEqual(w.a.keys.signing.publicKey);
    const viaTeam = await unwrapEpochKey({
      record,
      role: "team",
      wrapped: fromBase64Url(body.teamWrap),
      recipientSecretKey: w.t2.secretKey,
    });
    const viaArchive = await unwrapEpochKey({
      record,
      role: "archive",
      wrapped: fromBase64Url(body.archiveWrap),
      recipientSecretKey: w.archive.secretKey,
    });
    const viaOwn = await unwrapEpochKey({
      record,
      role: "participant",
      wrapped: fromBase64Url(body.ownWrap),
      recipientSecretKey: w.a.keys.encryption.secretKey,
    });
    expect(viaTeam).toEqual(opened.epochKey);
    expect(viaArchive).toEqual(opened.epochKey);
    expect(viaOwn).toEqual(opened.epochKey);

    // Colleague B reads the notes through the team wrap (notes epochs are signed by certified staff).
    w.server.epochs.set("conv-notes", { epochs: [{ epoch: 1, record: body.record, createdBy: w.a.id }], wraps: [] });
    w.server.teamWraps.push({
      conversationId: "conv-notes",
      epoch: 1,
      teamId: "team-t",
      generation: 2,
      wrap: body.teamWrap,
    });
    const ctx = { ...w.ctx, notesConversationId: "conv-notes" };
    expect((await w.ring(w.b).epochKey(ctx, "conv-notes", 1)).epochKey).toEqual(opened.epochKey);
    // A notes record signed by the client would not be accepted: the client key is trusted in the case conversation only.
    await expect(w.ring(w.b).epochKey(ctx, "conv-other", 1)).rejects.toMatchObject({ code: "unknown_key" });
  });

  it("plugs into the messaging library: key source and trust for the case conversation and the notes", async () => {
    const w = await world();
    const ring = w.ring(w.b);
    const trust = await ring.caseTrust(w.ctx, w.ctx.conversationId);
    expect(trust.isEpochSigner(w.client.keys.signing.publicKey, w.e1.record)).toBe(true);
    expect(trust.isEpochSigner(w.a.keys.signing.publicKey, w.e2.record)).toBe(true);
    expect(trust.isEpochSigner(createAccountKeys().signing.publicKey, w.e2.record)).toBe(false);
    expect(trust.senderAccountId(w.client.keys.signing.publicKey)).toBe(w.client.id);
    expect(trust.senderAccountId(w.a.keys.signing.publicKey)).toBe(w.a.id);
    const source = ring.caseKeySource(w.ctx);
    expect(await source.keyFor(w.ctx.conversationId, w.e1.record, { ownWrap: undefined })).toEqual(w.e1.epochKey);
    await expect(source.keyFor("conv-elsewhere", w.e1.record, { ownWrap: undefined })).rejects.toMatchObject({
      code: "unknown_key",
    });
    // In the notes the client is nobody.
    const notesCtx = { ...w.ctx, notesConversationId: "conv-notes" };
    const notesTrust = await ring.caseTrust(notesCtx, "conv-notes");
    expect(notesTrust.isEpochSigner(w.client.keys.signing.publicKey, w.e1.record)).toBe(false);
    expect(notesTrust.senderAccountId(w.client.keys.signing.publicKey)).toBeNull();
  });
});
