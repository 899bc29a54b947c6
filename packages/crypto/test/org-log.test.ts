// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toBase64Url } from "../src/encoding";
import { fingerprint } from "../src/fingerprint";
import {
  adminKeyOf,
  currentArchiveGeneration,
  currentRootGeneration,
  currentTeamKeyGeneration,
  isCertifiedStaffKey,
  teamMemberKeys,
  verifyOrgLog,
} from "../src/org-log";
import { formerStaffKeyAt, formerStaffKeyDuring } from "../src/former-staff";
import { openArchiveKey, openOrgRootKey, wrapArchiveKey, wrapOrgRootKey } from "../src/org-keys";
import {
  createOrgLogEntry,
  decodeOrgLogEntry,
  encodeOrgLogEntry,
  orgLogEntryHash,
  type OrgLogEntry,
} from "../src/org-log-entry";
import { generateEncryptionKeyPair, generateSigningKeyPair } from "../src/primitives";
import { buildOrgLog } from "./org-log-fixture";

const buildOrgLogCopy = (entries: OrgLogEntry[]) => entries.slice();
const next = (
  entries: OrgLogEntry[],
  payload: Parameters<typeof createOrgLogEntry>[0]["payload"],
  signer: { publicKey: Uint8Array; secretKey: Uint8Array },
) => createOrgLogEntry({ previous: entries.at(-1)!, payload, signer, timestamp: 2 });

/** A second administrator, certified by the first (as a confirming admin's browser does). */
function addSecondAdmin(org: ReturnType<typeof buildOrgLog>) {
  const signing = generateSigningKeyPair();
  const encryption = generateEncryptionKeyPair();
  org.append(
    { type: "admin-added", accountId: "admin-2", signingKey: signing.publicKey, encryptionKey: encryption.publicKey },
    org.admin,
  );
  return { signing, encryption };
}

/** Re-links entries after index `from` so only the tampering under test is wrong, not the chain. */
function relink(
  entries: OrgLogEntry[],
  from: number,
  signerFor: (e: OrgLogEntry) => {
    publicKey: Uint8Array;
    secretKey: Uint8Array;
  },
) {
  const out = entries.slice(0, from);
  for (const e of entries.slice(from)) {
    out.push(
      createOrgLogEntry({
        previous: out.at(-1) ?? null,
        payload: e.payload,
        signer: signerFor(e),
        timestamp: e.timestamp,
      }),
    );
  }
  return out;
}

describe("org log", () => {
  it("derives admins, staff, teams, generations and form keys", () => {
    const org = buildOrgLog();
    const state = verifyOrgLog(org.entries, {
      pinnedRootFingerprint: fingerprint(org.root.publicKey),
    });
    expect(state.orgId).toBe("org-1");
    expect([...state.admins.keys()]).toEqual([toBase64Url(org.admin.publicKey)]);
    expect(isCertifiedStaffKey(state, org.alice.publicKey)).toBe(true);
    expect(teamMemberKeys(state, "team-1").map((k) => k.accountId)).toEqual(["alice", "bob"]);
    expect(currentTeamKeyGeneration(state, "team-1").generation).toBe(1);
    expect(state.contactFormKeys.has("form-1")).toBe(true);
    expect(state.head.seq).toBe(org.entries.length - 1);
    expect(state.head.hash).toEqual(orgLogEntryHash(org.entries.at(-1)!));
  });

  it("round-trips entries through the wire encoding", () => {
    const org = buildOrgLog();
    const wire = org.entries.map(encodeOrgLogEntry);
    expect(wire.map(decodeOrgLogEntry)).toEqual(org.entries);
    expect(verifyOrgLog(wire).head.seq).toBe(org.entries.length - 1);
  });

  it("detects a modified payload", () => {
    const org = buildOrgLog();
    const e = org.entries[5]!;
    org.entries[5] = {
      ...e,
      payload: {
        type: "team-member-added",
        teamId: "team-1",
        signingKey: generateSigningKeyPair().publicKey,
      },
    };
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
  });

  it("detects a dropped entry", () => {
    const org = buildOrgLog();
    org.entries.splice(3, 1);
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "chain_broken" }));
  });

  it("detects reordered entries", () => {
    const org = buildOrgLog();
    [org.entries[5], org.entries[6]] = [org.entries[6]!, org.entries[5]!];
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "chain_broken" }));
  });

  it("rejects an inserted entry signed by a key that is not root or admin, even when correctly chained", () => {
    const org = buildOrgLog();
    const mallory = generateSigningKeyPair();
    const forged = createOrgLogEntry({
      previous: org.entries[6]!,
      payload: {
        type: "team-member-added",
        teamId: "team-1",
        signingKey: mallory.publicKey,
      },
      signer: mallory,
      timestamp: 1,
    });
    const tampered = [...org.entries.slice(0, 7), forged, ...org.entries.slice(7)];
    expect(() => verifyOrgLog(relink(tampered, 8, () => org.admin))).toThrow(
      expect.objectContaining({ code: "bad_signature" }),
    );
  });

  it("rejects an entry whose signer id was replaced", () => {
    const org = buildOrgLog();
    org.entries[4] = { ...org.entries[4]!, signerKeyId: org.root.publicKey };
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
  });

  it("rejects staff and removed admins as signers", () => {
    const org = buildOrgLog();
    org.append({ type: "team-created", teamId: "team-x" }, org.alice);
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
    const org2 = buildOrgLog();
    addSecondAdmin(org2);
    org2.append({ type: "admin-removed", signingKey: org2.admin.publicKey }, org2.root);
    org2.append({ type: "team-created", teamId: "team-x" }, org2.admin);
    expect(() => verifyOrgLog(org2.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
  });

  it("detects truncation below a known head (rollback) and a truncate-then-extend fork", () => {
    const org = buildOrgLog();
    addSecondAdmin(org);
    org.append({ type: "admin-removed", signingKey: org.admin.publicKey }, org.root);
    const known = verifyOrgLog(org.entries).head;
    expect(() => verifyOrgLog(org.entries.slice(0, -1), { knownHead: known })).toThrow(
      expect.objectContaining({ code: "rollback" }),
    );
    // The server drops the removal and lets the removed admin extend the log: validly signed, but a fork.
    const fork = org.entries.slice(0, -1);
    fork.push(
      createOrgLogEntry({
        previous: fork.at(-1)!,
        payload: { type: "team-created", teamId: "evil" },
        signer: org.admin,
        timestamp: 2,
      }),
    );
    expect(() => verifyOrgLog(fork)).not.toThrow();
    expect(() => verifyOrgLog(fork, { knownHead: known })).toThrow(expect.objectContaining({ code: "chain_broken" }));
    expect(() => verifyOrgLog(org.entries, { knownHead: known })).not.toThrow();
  });

  it("rejects a root key that does not match the pinned fingerprint", () => {
    const org = buildOrgLog();
    const other = fingerprint(generateSigningKeyPair().publicKey);
    expect(() => verifyOrgLog(org.entries, { pinnedRootFingerprint: other })).toThrow(
      expect.objectContaining({ code: "unknown_key" }),
    );
  });

  it("rejects invalid transitions", () => {
    const org = buildOrgLog();
    org.append(
      {
        type: "team-member-added",
        teamId: "team-1",
        signingKey: generateSigningKeyPair().publicKey,
      },
      org.admin,
    );
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
    const org2 = buildOrgLog();
    org2.append(
      {
        type: "team-key-generation",
        teamId: "team-1",
        generation: 3,
        publicKey: org2.teamKey.publicKey,
      },
      org2.admin,
    );
    expect(() => verifyOrgLog(org2.entries)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
  });

  it("revoking a staff key removes it from its teams", () => {
    const org = buildOrgLog();
    org.append({ type: "staff-key-revoked", signingKey: org.bob.publicKey }, org.admin);
    const state = verifyOrgLog(org.entries);
    expect(teamMemberKeys(state, "team-1").map((k) => k.accountId)).toEqual(["alice"]);
    org.append(
      {
        type: "staff-key-certified",
        accountId: "bob",
        signingKey: org.bob.publicKey,
        encryptionKey: org.bobEnc.publicKey,
      },
      org.admin,
    );
    expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
  });

  it("keeps a revoked staff key with the interval in which it was certified (ADR 0031)", () => {
    const org = buildOrgLog();
    const bob2 = generateSigningKeyPair();
    org.append({ type: "staff-key-revoked", signingKey: org.bob.publicKey }, org.admin); // seq 9
    org.append(
      {
        type: "staff-key-certified",
        accountId: "bob",
        signingKey: bob2.publicKey,
        encryptionKey: generateEncryptionKeyPair().publicKey,
      },
      org.admin,
    ); // seq 10
    org.append(
      {
        type: "team-key-generation",
        teamId: "team-1",
        generation: 2,
        publicKey: generateEncryptionKeyPair().publicKey,
      },
      org.admin,
    ); // seq 11
    const state = verifyOrgLog(org.entries);
    const former = state.formerStaff.get(toBase64Url(org.bob.publicKey));
    expect(former).toMatchObject({ accountId: "bob", certifiedAt: 3, revokedAt: 9 });
    expect(state.staff.get(toBase64Url(bob2.publicKey))).toMatchObject({ accountId: "bob", certifiedAt: 10 });
    expect(state.teams.get("team-1")!.generations.map((g) => g.publishedAt)).toEqual([7, 11]);
    // Generation 1 was current while bob's old key was certified; generation 2 came after its revocation.
    expect(formerStaffKeyDuring(state, org.bob.publicKey, "team-1", 1)?.accountId).toBe("bob");
    expect(formerStaffKeyDuring(state, org.bob.publicKey, "team-1", 2)).toBeUndefined();
    expect(formerStaffKeyDuring(state, org.bob.publicKey, "team-9", 1)).toBeUndefined();
    // Current keys are not former keys.
    expect(formerStaffKeyDuring(state, org.alice.publicKey, "team-1", 1)).toBeUndefined();
    expect(formerStaffKeyDuring(state, bob2.publicKey, "team-1", 1)).toBeUndefined();
    // A staff chat's epoch has no generation: its signed time must lie between the two entries' times (§7e).
    const time = (seq: number) => org.entries[seq]!.timestamp;
    expect(former).toMatchObject({ certifiedTime: time(3), revokedTime: time(9) });
    expect(formerStaffKeyAt(state, org.bob.publicKey, time(3))?.accountId).toBe("bob");
    expect(formerStaffKeyAt(state, org.bob.publicKey, time(9) - 1)?.accountId).toBe("bob");
    expect(formerStaffKeyAt(state, org.bob.publicKey, time(9))).toBeUndefined();
    expect(formerStaffKeyAt(state, org.bob.publicKey, time(3) - 1)).toBeUndefined();
    expect(formerStaffKeyAt(state, bob2.publicKey, time(10))).toBeUndefined();
  });

  it("does not place a former key in a generation replaced before the key was certified", () => {
    const org = buildOrgLog();
    org.append(
      {
        type: "team-key-generation",
        teamId: "team-1",
        generation: 2,
        publicKey: generateEncryptionKeyPair().publicKey,
      },
      org.admin,
    ); // seq 9
    const carol = generateSigningKeyPair();
    org.append(
      {
        type: "staff-key-certified",
        accountId: "carol",
        signingKey: carol.publicKey,
        encryptionKey: generateEncryptionKeyPair().publicKey,
      },
      org.admin,
    ); // seq 10
    org.append({ type: "staff-key-revoked", signingKey: carol.publicKey }, org.admin); // seq 11
    const state = verifyOrgLog(org.entries);
    expect(formerStaffKeyDuring(state, carol.publicKey, "team-1", 1)).toBeUndefined();
    expect(formerStaffKeyDuring(state, carol.publicKey, "team-1", 2)?.accountId).toBe("carol");
  });

  it("rejects any single bit flip in any encoded entry", () => {
    const org = buildOrgLog();
    const wire = org.entries.map(encodeOrgLogEntry);
    fc.assert(
      fc.property(fc.nat({ max: wire.length - 1 }), fc.nat(), (index, bitSeed) => {
        const blob = wire[index]!.slice();
        const bit = bitSeed % (blob.length * 8);
        blob[bit >> 3]! ^= 1 << (bit & 7);
        const tampered = wire.slice();
        tampered[index] = blob;
        expect(() => verifyOrgLog(tampered)).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  describe("several admins and the archive key (ADR 0026)", () => {
    it("an admin certifies a second admin, who can then sign every kind of entry", () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      org.append({ type: "team-created", teamId: "team-2" }, second.signing);
      org.append({ type: "team-member-added", teamId: "team-2", signingKey: org.alice.publicKey }, second.signing);
      const state = verifyOrgLog(org.entries);
      expect([...state.admins.values()].map((a) => a.accountId).sort()).toEqual(["admin", "admin-2"]);
      expect(adminKeyOf(state, "admin-2")?.signingKey).toEqual(second.signing.publicKey);
      expect(teamMemberKeys(state, "team-2").map((k) => k.accountId)).toEqual(["alice"]);
    });

    it("an admin cannot add itself: a pending admin's own admin-added is refused", () => {
      const org = buildOrgLog();
      const pending = generateSigningKeyPair();
      org.append(
        {
          type: "admin-added",
          accountId: "admin-2",
          signingKey: pending.publicKey,
          encryptionKey: generateEncryptionKeyPair().publicKey,
        },
        pending,
      );
      expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
    });

    it("removing an admin owes an archive rotation; the rotation adds generation 2 and settles it", () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      org.append({ type: "admin-removed", signingKey: org.admin.publicKey }, second.signing);
      let state = verifyOrgLog(org.entries);
      expect(state.archiveRotationOwed).toBe(true);
      expect(state.retiredKeys.has(toBase64Url(org.admin.publicKey))).toBe(true);
      const next = generateEncryptionKeyPair();
      org.append({ type: "archive-key-rotated", archiveKey: next.publicKey }, second.signing);
      state = verifyOrgLog(org.entries);
      expect(state.archiveRotationOwed).toBe(false);
      expect(state.archiveGenerations.map((g) => g.generation)).toEqual([1, 2]);
      expect(currentArchiveGeneration(state)).toEqual({ generation: 2, publicKey: next.publicKey });
      expect(state.archiveKey).toEqual(next.publicKey);
    });

    it("rejects entries signed by a removed admin, also their own rotation of the archive key", () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      org.append({ type: "admin-removed", signingKey: second.signing.publicKey }, org.admin);
      org.append({ type: "archive-key-rotated", archiveKey: generateEncryptionKeyPair().publicKey }, second.signing);
      expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
    });

    it("refuses to remove the last admin, even when the root key signs", () => {
      const org = buildOrgLog();
      org.append({ type: "admin-removed", signingKey: org.admin.publicKey }, org.root);
      expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
    });

    it("a removed admin cannot come back under the same key", () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      org.append({ type: "admin-removed", signingKey: second.signing.publicKey }, org.admin);
      org.append(
        {
          type: "admin-added",
          accountId: "admin-2",
          signingKey: second.signing.publicKey,
          encryptionKey: second.encryption.publicKey,
        },
        org.admin,
      );
      expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
    });

    it("refuses an archive rotation back to an earlier generation's key", () => {
      const org = buildOrgLog();
      const genesis = org.entries[0]!.payload;
      if (genesis.type !== "genesis") throw new Error("fixture");
      org.append({ type: "archive-key-rotated", archiveKey: generateEncryptionKeyPair().publicKey }, org.admin);
      org.append({ type: "archive-key-rotated", archiveKey: genesis.archiveKey }, org.admin);
      expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
    });

    it("detects an admin-removed whose removed key was swapped", () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      const removal = org.append({ type: "admin-removed", signingKey: second.signing.publicKey }, org.admin);
      const i = org.entries.indexOf(removal);
      org.entries[i] = { ...removal, payload: { type: "admin-removed", signingKey: org.admin.publicKey } };
      expect(() => verifyOrgLog(org.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
    });

    it("root rotation: the new root signs, the old one no longer; the genesis root stays the identity", async () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      org.append({ type: "admin-removed", signingKey: org.admin.publicKey }, second.signing);
      expect(verifyOrgLog(org.entries).rootRotationOwed).toBe(true);
      const newRoot = generateSigningKeyPair();
      org.append({ type: "root-key-rotated", rootSigningKey: newRoot.publicKey }, second.signing);
      const state = verifyOrgLog(org.entries, { pinnedRootFingerprint: fingerprint(org.root.publicKey) });
      expect(state.rootRotationOwed).toBe(false);
      expect(state.rootSigningKey).toEqual(org.root.publicKey);
      expect(currentRootGeneration(state)).toEqual({ generation: 2, publicKey: newRoot.publicKey });
      const wire = org.entries.map(encodeOrgLogEntry);
      expect(wire.map(decodeOrgLogEntry)).toEqual(org.entries);

      const withNew = buildOrgLogCopy(org.entries);
      withNew.push(next(withNew, { type: "team-created", teamId: "team-n" }, newRoot));
      expect(() => verifyOrgLog(withNew)).not.toThrow();
      const withOld = buildOrgLogCopy(org.entries);
      withOld.push(next(withOld, { type: "team-created", teamId: "team-o" }, org.root));
      expect(() => verifyOrgLog(withOld)).toThrow(expect.objectContaining({ code: "bad_signature" }));
      // A removed admin cannot rotate the root to a key of their own.
      const byRemoved = buildOrgLogCopy(org.entries);
      byRemoved.push(
        next(byRemoved, { type: "root-key-rotated", rootSigningKey: generateSigningKeyPair().publicKey }, org.admin),
      );
      expect(() => verifyOrgLog(byRemoved)).toThrow(expect.objectContaining({ code: "bad_signature" }));
      // An earlier root never comes back.
      const back = buildOrgLogCopy(org.entries);
      back.push(next(back, { type: "root-key-rotated", rootSigningKey: org.root.publicKey }, newRoot));
      expect(() => verifyOrgLog(back)).toThrow(expect.objectContaining({ code: "invalid_transition" }));

      const w2 = await wrapOrgRootKey(second.encryption.publicKey, newRoot, state.orgId, 2);
      expect((await openOrgRootKey(second.encryption.secretKey, w2, state, 2)).publicKey).toEqual(newRoot.publicKey);
      await expect(openOrgRootKey(second.encryption.secretKey, w2, state, 1)).rejects.toMatchObject({
        code: "decrypt_failed",
      });
    });

    it("org keys: wraps open only for the recipient and only to the key the log announces", async () => {
      const org = buildOrgLog();
      const second = addSecondAdmin(org);
      const genesis = org.entries[0]!.payload;
      if (genesis.type !== "genesis") throw new Error("fixture");
      const archive2 = generateEncryptionKeyPair();
      org.append({ type: "archive-key-rotated", archiveKey: archive2.publicKey }, org.admin);
      const state = verifyOrgLog(org.entries);
      const rootWrap = await wrapOrgRootKey(second.encryption.publicKey, org.root, state.orgId);
      expect((await openOrgRootKey(second.encryption.secretKey, rootWrap, state)).publicKey).toEqual(
        org.root.publicKey,
      );
      const w2 = await wrapArchiveKey(second.encryption.publicKey, archive2, state.orgId, 2);
      expect((await openArchiveKey(second.encryption.secretKey, w2, state, 2)).publicKey).toEqual(archive2.publicKey);
      // The same wrap presented as generation 1: another HPKE context, so it does not open.
      await expect(openArchiveKey(second.encryption.secretKey, w2, state, 1)).rejects.toMatchObject({
        code: "decrypt_failed",
      });
      // Someone else's key: opens, but is not what the log announces.
      const stranger = generateEncryptionKeyPair();
      const swapped = await wrapArchiveKey(second.encryption.publicKey, stranger, state.orgId, 2);
      await expect(openArchiveKey(second.encryption.secretKey, swapped, state, 2)).rejects.toMatchObject({
        code: "unknown_key",
      });
      const fakeRoot = await wrapOrgRootKey(second.encryption.publicKey, generateSigningKeyPair(), state.orgId);
      await expect(openOrgRootKey(second.encryption.secretKey, fakeRoot, state)).rejects.toMatchObject({
        code: "unknown_key",
      });
      await expect(openArchiveKey(generateEncryptionKeyPair().secretKey, w2, state, 2)).rejects.toMatchObject({
        code: "decrypt_failed",
      });
    });
  });
});
