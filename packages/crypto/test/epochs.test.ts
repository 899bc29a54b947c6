// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { EpochTracker } from "../src/epoch-tracker";
import {
  createEpoch,
  decodeEpochRecord,
  encodeEpochRecord,
  membersHash,
  unwrapEpochKey,
  wrapEpochKeyForTeam,
  type EpochRecord,
} from "../src/epochs";
import { generateEncryptionKeyPair, generateSigningKeyPair } from "../src/primitives";
import { createTeamKeyGeneration } from "../src/team-keys";
import { bitIndex, flipBit } from "./flip";
import fc from "fast-check";

function setup() {
  const counsellor = {
    sign: generateSigningKeyPair(),
    enc: generateEncryptionKeyPair(),
  };
  const client = {
    sign: generateSigningKeyPair(),
    enc: generateEncryptionKeyPair(),
  };
  const team = createTeamKeyGeneration("team-1", 3);
  const archive = generateEncryptionKeyPair();
  const participants = [counsellor, client].map((p) => ({
    signingKey: p.sign.publicKey,
    encryptionKey: p.enc.publicKey,
  }));
  const base = {
    conversationId: "conv-1",
    participants,
    team: {
      teamId: team.teamId,
      generation: team.generation,
      publicKey: team.publicKey,
    },
    archiveKey: archive.publicKey,
    signer: counsellor.sign,
  };
  const trusted = (k: Uint8Array) => k.every((b, i) => b === counsellor.sign.publicKey[i]);
  return { counsellor, client, team, archive, participants, base, trusted };
}

describe("epochs", () => {
  it("wraps the epoch key to each participant, the team key and the archive key", async () => {
    const s = setup();
    const { record, epochKey, wraps } = await createEpoch({
      ...s.base,
      previous: null,
      timestamp: 1,
    });
    expect(record.epoch).toBe(1);
    expect(record.membersHash).toEqual(membersHash([...s.participants].reverse()));
    const opened = await Promise.all([
      unwrapEpochKey({
        record,
        role: "participant",
        wrapped: wraps.participants[0]!.wrapped,
        recipientSecretKey: s.counsellor.enc.secretKey,
      }),
      unwrapEpochKey({
        record,
        role: "participant",
        wrapped: wraps.participants[1]!.wrapped,
        recipientSecretKey: s.client.enc.secretKey,
      }),
      unwrapEpochKey({
        record,
        role: "team",
        wrapped: wraps.team,
        recipientSecretKey: s.team.secretKey,
      }),
      unwrapEpochKey({
        record,
        role: "archive",
        wrapped: wraps.archive,
        recipientSecretKey: s.archive.secretKey,
      }),
    ]);
    for (const k of opened) expect(k).toEqual(epochKey);
    // A wrap presented under the wrong role does not open.
    await expect(
      unwrapEpochKey({
        record,
        role: "participant",
        wrapped: wraps.team,
        recipientSecretKey: s.team.secretKey,
      }),
    ).rejects.toMatchObject({
      code: "decrypt_failed",
    });
  });

  it("rejects a wrapped key that does not match the signed commitment", async () => {
    const s = setup();
    const a = await createEpoch({ ...s.base, previous: null, timestamp: 1 });
    const b = await createEpoch({ ...s.base, previous: null, timestamp: 1 });
    await expect(
      unwrapEpochKey({
        record: a.record,
        role: "team",
        wrapped: b.wraps.team,
        recipientSecretKey: s.team.secretKey,
      }),
    ).rejects.toMatchObject({
      code: "decrypt_failed",
    });
  });

  it("tracker accepts the chain in order and refuses rollback, gaps, forks and unknown signers", async () => {
    const s = setup();
    const records: EpochRecord[] = [];
    for (let i = 0; i < 3; i++)
      records.push(
        (
          await createEpoch({
            ...s.base,
            previous: records.at(-1) ?? null,
            timestamp: i,
          })
        ).record,
      );
    const tracker = new EpochTracker();
    for (const r of records) tracker.accept(r, s.trusted);
    expect(tracker.current("conv-1")).toBe(3);
    tracker.accept(records[2]!, s.trusted);
    expect(() => tracker.accept(records[1]!, s.trusted)).toThrow(expect.objectContaining({ code: "rollback" }));

    const restored = EpochTracker.fromSnapshot(JSON.parse(JSON.stringify(tracker.snapshot())));
    expect(() => restored.accept(records[0]!, s.trusted)).toThrow(expect.objectContaining({ code: "rollback" }));

    const fork = (await createEpoch({ ...s.base, previous: records[1]!, timestamp: 99 })).record;
    expect(() => tracker.accept(fork, s.trusted)).toThrow(expect.objectContaining({ code: "chain_broken" }));

    const gap = new EpochTracker();
    expect(() => gap.accept(records[1]!, s.trusted)).toThrow(expect.objectContaining({ code: "chain_broken" }));
    expect(() => new EpochTracker().accept(records[0]!, () => false)).toThrow(
      expect.objectContaining({ code: "unknown_key" }),
    );
  });

  it("rejects any single bit flip in an encoded record", async () => {
    const s = setup();
    const { record } = await createEpoch({
      ...s.base,
      previous: null,
      timestamp: 1,
    });
    const wire = encodeEpochRecord(record);
    expect(decodeEpochRecord(wire)).toEqual(record);
    fc.assert(
      fc.property(bitIndex(wire.length), (bit) => {
        expect(() => new EpochTracker().accept(decodeEpochRecord(flipBit(wire, bit)), s.trusted)).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("re-wraps an epoch key to another team that opens it with role team, and refuses a wrong key", async () => {
    const s = setup();
    const { record, epochKey } = await createEpoch({ ...s.base, previous: null, timestamp: 1 });
    const other = createTeamKeyGeneration("team-2", 1);
    const wrapped = await wrapEpochKeyForTeam(record, epochKey, other.publicKey);
    const opened = await unwrapEpochKey({ record, role: "team", wrapped, recipientSecretKey: other.secretKey });
    expect(opened).toEqual(epochKey);
    // Not openable as another role (the context binds the role).
    await expect(
      unwrapEpochKey({ record, role: "participant", wrapped, recipientSecretKey: other.secretKey }),
    ).rejects.toThrow();
    // The old team's key cannot open it.
    await expect(
      unwrapEpochKey({ record, role: "team", wrapped, recipientSecretKey: s.team.secretKey }),
    ).rejects.toThrow();
    const wrongKey = new Uint8Array(32).fill(7);
    await expect(wrapEpochKeyForTeam(record, wrongKey, other.publicKey)).rejects.toMatchObject({
      code: "bad_parameters",
    });
  });
});
