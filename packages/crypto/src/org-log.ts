// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual, toBase64Url } from "./encoding";
import { CryptoError } from "./errors";
import { fingerprintMatches } from "./fingerprint";
import {
  type OrgLogEntry,
  type OrgLogPayload,
  ZERO_HASH,
  decodeOrgLogEntry,
  orgLogEntryBody,
  orgLogEntryHash,
} from "./org-log-entry";
import { verifyWithDomain } from "./primitives";
import { Label } from "./suite";

export interface CertifiedKey {
  accountId: string;
  signingKey: Uint8Array;
  encryptionKey: Uint8Array;
}

/** A certified staff key and the log entry (seq) that certified it. */
export interface StaffKey extends CertifiedKey {
  certifiedAt: number;
  /** The certifying entry's signed timestamp (ms): a staff chat's epochs are bounded by time (former-staff.ts). */
  certifiedTime: number;
}

/**
 * A staff key that was certified and later revoked (offboarding, or an access
 * reset that replaced it): from its `staff-key-certified` entry (seq) to its
 * `staff-key-revoked` entry (seq). What it signed while certified stays that
 * person's (docs/CRYPTO.md §7d, ADR 0031); it never signs anything new.
 */
export interface FormerStaffKey extends StaffKey {
  revokedAt: number;
  /** The revoking entry's signed timestamp (ms). */
  revokedTime: number;
}

export interface TeamState {
  /** base64url signing keys of current members. */
  members: Set<string>;
  /**
   * Ascending; generation numbers start at 1 and increase by exactly one.
   * `publishedAt` is the seq of the `team-key-generation` entry: it places an
   * epoch record that names the generation on the log's time line.
   */
  generations: { generation: number; publicKey: Uint8Array; publishedAt: number }[];
}

/** What a verified log says. Maps are keyed by base64url of the Ed25519 public key (or by id). */
export interface OrgLogState {
  orgId: string;
  /** The genesis root key: the organisation's identity, whose fingerprint clients pin. Never changes. */
  rootSigningKey: Uint8Array;
  /**
   * Root key generations: 1 = the genesis root, +1 per `root-key-rotated`. Only the last one signs with
   * root authority; entries signed by an earlier one after its successor was announced are refused.
   */
  rootGenerations: { generation: number; publicKey: Uint8Array }[];
  /** The current archive public key (the last of `archiveGenerations`). */
  archiveKey: Uint8Array;
  /**
   * Every archive key the log announced, generation 1 at genesis, +1 per
   * `archive-key-rotated`. Epoch records name the archive key they were
   * wrapped to, so older generations stay needed for reading older epochs.
   */
  archiveGenerations: { generation: number; publicKey: Uint8Array }[];
  /**
   * True after an `admin-removed` until the next `archive-key-rotated`: the
   * removed admin could open the current archive key, so the next admin
   * client must rotate it (ADR 0026). Clients use it to finish an
   * interrupted removal; it is derived, not signed on its own.
   */
  archiveRotationOwed: boolean;
  /** Like `archiveRotationOwed`, for the root key's authority (cleared by `root-key-rotated`). */
  rootRotationOwed: boolean;
  admins: Map<string, CertifiedKey>;
  staff: Map<string, StaffKey>;
  /** Every revoked staff key with the interval in which it was certified (a key is certified only once). */
  formerStaff: Map<string, FormerStaffKey>;
  /** Revoked staff keys and removed admins can never come back under the same key. */
  retiredKeys: Set<string>;
  teams: Map<string, TeamState>;
  contactFormKeys: Map<string, Uint8Array>;
  head: { seq: number; hash: Uint8Array };
}

export interface VerifyOrgLogOptions {
  /** Fingerprint of the root key the client pinned out of band (12×5 digits). */
  pinnedRootFingerprint?: string;
  /**
   * The head this client verified before. Presenting fewer entries is a
   * rollback; a different entry at that position is a fork. Without it a
   * server could truncate the log and let a removed admin extend it.
   */
  knownHead?: { seq: number; hash: Uint8Array };
}

const id = toBase64Url;

function fail(code: "chain_broken" | "invalid_transition" | "bad_signature", seq: number, why: string): never {
  throw new CryptoError(code, `org log entry ${seq}: ${why}`);
}

/** Applies one payload to the state, enforcing the allowed transitions. */
function apply(state: OrgLogState, p: OrgLogPayload, seq: number, time: number): void {
  const bad = (why: string) => fail("invalid_transition", seq, why);
  const team = (teamId: string) => state.teams.get(teamId) ?? bad(`unknown team ${teamId}`);
  switch (p.type) {
    case "genesis":
      return bad("genesis after start");
    case "admin-added":
    case "staff-key-certified": {
      const map = p.type === "admin-added" ? state.admins : state.staff;
      const k = id(p.signingKey);
      if (map.has(k) || state.retiredKeys.has(k)) bad("key already certified or retired");
      if (p.accountId.length === 0) bad("empty account id");
      const key = { accountId: p.accountId, signingKey: p.signingKey, encryptionKey: p.encryptionKey };
      if (p.type === "admin-added") state.admins.set(k, key);
      else state.staff.set(k, { ...key, certifiedAt: seq, certifiedTime: time });
      return;
    }
    case "admin-removed": {
      const k = id(p.signingKey);
      if (!state.admins.has(k)) bad("not an admin");
      // Without an admin only the root key could sign: the organisation keeps at least one (ADR 0026).
      if (state.admins.size === 1) bad("the last admin cannot be removed");
      state.admins.delete(k);
      state.retiredKeys.add(k);
      state.archiveRotationOwed = true;
      state.rootRotationOwed = true;
      return;
    }
    case "staff-key-revoked": {
      const k = id(p.signingKey);
      const certified = state.staff.get(k) ?? bad("not a certified staff key");
      state.staff.delete(k);
      state.retiredKeys.add(k);
      state.formerStaff.set(k, { ...certified, revokedAt: seq, revokedTime: time });
      // A revoked key leaves every team at once; the team key must then be rotated by the client.
      for (const t of state.teams.values()) t.members.delete(k);
      return;
    }
    case "team-created":
      if (state.teams.has(p.teamId)) bad("team exists");
      state.teams.set(p.teamId, { members: new Set(), generations: [] });
      return;
    case "team-member-added": {
      const t = team(p.teamId);
      const k = id(p.signingKey);
      if (!state.staff.has(k)) bad("member key is not certified");
      if (t.members.has(k)) bad("already a member");
      t.members.add(k);
      return;
    }
    case "team-member-removed":
      if (!team(p.teamId).members.delete(id(p.signingKey))) bad("not a member");
      return;
    case "team-key-generation": {
      const t = team(p.teamId);
      const expected = (t.generations.at(-1)?.generation ?? 0) + 1;
      if (p.generation !== expected) bad(`team key generation ${p.generation}, expected ${expected}`);
      t.generations.push({ generation: p.generation, publicKey: p.publicKey, publishedAt: seq });
      return;
    }
    case "contact-form-key":
      if (p.formId.length === 0) bad("empty form id");
      state.contactFormKeys.set(p.formId, p.publicKey);
      return;
    case "archive-key-rotated": {
      if (state.archiveGenerations.some((g) => constantTimeEqual(g.publicKey, p.archiveKey)))
        bad("archive key was used before");
      const generation = state.archiveGenerations.length + 1;
      state.archiveGenerations.push({ generation, publicKey: p.archiveKey });
      state.archiveKey = p.archiveKey;
      state.archiveRotationOwed = false;
      return;
    }
    case "root-key-rotated": {
      if (state.rootGenerations.some((g) => constantTimeEqual(g.publicKey, p.rootSigningKey)))
        bad("root key was used before");
      const generation = state.rootGenerations.length + 1;
      state.rootGenerations.push({ generation, publicKey: p.rootSigningKey });
      state.rootRotationOwed = false;
      return;
    }
  }
}

/**
 * Verifies the whole log from genesis and returns the state it describes.
 * Throws CryptoError: chain_broken (seq/prevHash/fork), bad_signature
 * (signature invalid or signer not root/current admin), unknown_key (root
 * does not match the pinned fingerprint), rollback (shorter than knownHead),
 * invalid_transition, bad_format.
 */
export function verifyOrgLog(
  input: readonly (OrgLogEntry | Uint8Array)[],
  options: VerifyOrgLogOptions = {},
): OrgLogState {
  const entries = input.map((e) => (e instanceof Uint8Array ? decodeOrgLogEntry(e) : e));
  const genesis = entries[0];
  if (!genesis) throw new CryptoError("chain_broken", "org log is empty");
  if (genesis.payload.type !== "genesis" || genesis.seq !== 0 || !constantTimeEqual(genesis.prevHash, ZERO_HASH)) {
    fail("chain_broken", 0, "first entry is not a genesis entry");
  }
  const root = genesis.payload.rootSigningKey;
  if (options.pinnedRootFingerprint !== undefined && !fingerprintMatches(root, options.pinnedRootFingerprint)) {
    throw new CryptoError("unknown_key", "organisation root key does not match the pinned fingerprint");
  }
  if (options.knownHead && entries.length <= options.knownHead.seq) {
    throw new CryptoError(
      "rollback",
      `org log has ${entries.length} entries, already saw seq ${options.knownHead.seq}`,
    );
  }

  const state: OrgLogState = {
    orgId: genesis.payload.orgId,
    rootSigningKey: root,
    archiveKey: genesis.payload.archiveKey,
    archiveGenerations: [{ generation: 1, publicKey: genesis.payload.archiveKey }],
    archiveRotationOwed: false,
    rootGenerations: [{ generation: 1, publicKey: root }],
    rootRotationOwed: false,
    admins: new Map(),
    staff: new Map(),
    formerStaff: new Map(),
    retiredKeys: new Set(),
    teams: new Map(),
    contactFormKeys: new Map(),
    head: { seq: 0, hash: ZERO_HASH },
  };

  let prevHash: Uint8Array = ZERO_HASH;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i) fail("chain_broken", i, `sequence number ${e.seq}`);
    if (!constantTimeEqual(e.prevHash, prevHash)) fail("chain_broken", i, "previous hash mismatch");
    // Authority is judged against the state *before* this entry: an admin cannot authorise its own addition.
    const signer = id(e.signerKeyId);
    // The root's authority is its newest generation's: a rotated-away root key signs nothing more.
    const currentRoot = state.rootGenerations.at(-1)!.publicKey;
    const authorised = constantTimeEqual(e.signerKeyId, currentRoot) || state.admins.has(signer);
    if (!authorised) fail("bad_signature", i, "signer is neither the current root key nor a current admin");
    if (!verifyWithDomain(Label.sigOrgLog, orgLogEntryBody(e), e.signature, e.signerKeyId)) {
      fail("bad_signature", i, "invalid signature");
    }
    if (i > 0) apply(state, e.payload, i, e.timestamp);
    prevHash = orgLogEntryHash(e);
    if (options.knownHead && i === options.knownHead.seq && !constantTimeEqual(prevHash, options.knownHead.hash)) {
      fail("chain_broken", i, "log forked from the head seen before");
    }
  }
  state.head = { seq: entries.length - 1, hash: prevHash };
  return state;
}

/** The archive key's current generation (1 = the genesis key); wraps of it use this number in their context. */
export function currentArchiveGeneration(state: OrgLogState): { generation: number; publicKey: Uint8Array } {
  return state.archiveGenerations.at(-1)!;
}

/** The root key's current generation (1 = the genesis root); its wraps use this number. */
export function currentRootGeneration(state: OrgLogState): { generation: number; publicKey: Uint8Array } {
  return state.rootGenerations.at(-1)!;
}

/** The certified admin key of an account, if the log names it an admin. */
export function adminKeyOf(state: OrgLogState, accountId: string): CertifiedKey | undefined {
  return [...state.admins.values()].find((k) => k.accountId === accountId);
}

export function isCertifiedStaffKey(state: OrgLogState, signingKey: Uint8Array): boolean {
  return state.staff.has(id(signingKey));
}

export function currentTeamKeyGeneration(
  state: OrgLogState,
  teamId: string,
): { generation: number; publicKey: Uint8Array } {
  const g = state.teams.get(teamId)?.generations.at(-1);
  if (!g) throw new CryptoError("unknown_key", `team ${teamId} has no key`);
  return g;
}

/** Current members with their certified encryption keys, for wrapping team keys. */
export function teamMemberKeys(state: OrgLogState, teamId: string): StaffKey[] {
  const team = state.teams.get(teamId);
  if (!team) throw new CryptoError("unknown_key", `unknown team ${teamId}`);
  return [...team.members].map((k) => state.staff.get(k)!).filter(Boolean);
}
