// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toBase64Url } from "../src/encoding";
import { fingerprint } from "../src/fingerprint";
import { currentTeamKeyGeneration, isCertifiedStaffKey, teamMemberKeys, verifyOrgLog } from "../src/org-log";
import {
  createOrgLogEntry,
  decodeOrgLogEntry,
  encodeOrgLogEntry,
  orgLogEntryHash,
  type OrgLogEntry,
} from "../src/org-log-entry";
import { generateSigningKeyPair } from "../src/primitives";
import { buildOrgLog } from "./org-log-fixture";

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
    org2.append({ type: "admin-removed", signingKey: org2.admin.publicKey }, org2.root);
    org2.append({ type: "team-created", teamId: "team-x" }, org2.admin);
    expect(() => verifyOrgLog(org2.entries)).toThrow(expect.objectContaining({ code: "bad_signature" }));
  });

  it("detects truncation below a known head (rollback) and a truncate-then-extend fork", () => {
    const org = buildOrgLog();
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
});
