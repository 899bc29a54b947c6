// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EpochRecord,
  createAccountKeys,
  createEpoch,
  generateEncryptionKeyPair,
  toBase64Url,
} from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import { formerSigners, vouchedRecords } from "./vouching";

/** A re-bound case: epoch 1 signed by the old client, epoch 2 by the counsellor for the new client. */
async function reboundCase() {
  const oldClient = createAccountKeys();
  const newClient = createAccountKeys();
  const counsellor = createAccountKeys();
  const team = { teamId: "team-t", generation: 1, publicKey: generateEncryptionKeyPair().publicKey };
  const archiveKey = generateEncryptionKeyPair().publicKey;
  const member = (k: AccountKeys) => ({ signingKey: k.signing.publicKey, encryptionKey: k.encryption.publicKey });
  const base = { conversationId: "conv-1", team, archiveKey, timestamp: 1 };
  const e1 = await createEpoch({
    ...base,
    previous: null,
    participants: [member(oldClient)],
    signer: oldClient.signing,
  });
  const e2 = await createEpoch({
    ...base,
    previous: e1.record,
    participants: [member(newClient), member(counsellor)],
    signer: counsellor.signing,
  });
  const isStaff = (k: Uint8Array) => toBase64Url(k) === toBase64Url(counsellor.signing.publicKey);
  return { oldClient, newClient, counsellor, e1, e2, isStaff, base, member };
}

describe("vouching for a re-bound case's earlier epochs", () => {
  it("a later staff-signed record vouches for the chained records before it", async () => {
    const { e1, e2, isStaff } = await reboundCase();
    expect([...vouchedRecords([e2.record, e1.record], isStaff)]).toEqual([1]);
  });

  it("names the former signer's account, never a staff account", async () => {
    const { e1, e2, isStaff, oldClient } = await reboundCase();
    const listing = [
      { record: e1.record, createdBy: "acc-old" },
      { record: e2.record, createdBy: "acc-counsellor" },
    ];
    const vouched = vouchedRecords([e1.record, e2.record], isStaff);
    const former = formerSigners(listing, vouched, isStaff, (id) => id === "acc-counsellor");
    expect([...former]).toEqual([[toBase64Url(oldClient.signing.publicKey), "acc-old"]]);
    // The server claiming the old record came from a counsellor gets nothing attributed.
    const lying = [{ record: e1.record, createdBy: "acc-counsellor" }, listing[1]!];
    expect(formerSigners(lying, vouched, isStaff, (id) => id === "acc-counsellor").size).toBe(0);
  });

  it("vouches for nothing without a trusted anchor, with a forged anchor signature or a broken chain", async () => {
    const { e1, e2, isStaff, base, member, oldClient } = await reboundCase();
    // Only untrusted signers.
    expect(vouchedRecords([e1.record], isStaff).size).toBe(0);
    // The anchor's signature does not verify.
    const forged: EpochRecord = { ...e2.record, signature: new Uint8Array(64) };
    expect(vouchedRecords([e1.record, forged], isStaff).size).toBe(0);
    // A swapped epoch 1 (another key the server made up) does not match the anchor's prevEpochHash.
    const attacker = createAccountKeys();
    const swapped = await createEpoch({
      ...base,
      previous: null,
      participants: [member(oldClient)],
      signer: attacker.signing,
    });
    expect(vouchedRecords([swapped.record, e2.record], isStaff).size).toBe(0);
  });
});
