// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type CertifiedKey,
  type OrgLogPayload,
  type OrgLogState,
  CryptoError,
  adminKeyOf,
  constantTimeEqual,
  currentArchiveGeneration,
  currentRootGeneration,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  openArchiveKey,
  openOrgRootKey,
  toBase64Url,
  wrapArchiveKey,
  wrapOrgRootKey,
} from "@obhut/crypto";
import type { NewKeyWrap, StaffAccountView } from "@obhut/protocol";
import { type TeamOpsDeps, custodians, rotateTeam, uploadEach, wrapsFor } from "./team-ops";

/**
 * Several administrators, no single point of failure (issue #14, item 1;
 * ADR 0026). A person invited as administrator is one on the server only
 * ("pending") until a confirmed administrator's browser certifies their keys
 * in the org log (`admin-added`, and `staff-key-certified` so teams can take
 * them) and wraps to them what it holds: the root key, every archive key
 * generation and the current key of every team (administrators are the team
 * keys' custodians, ADR 0016). Removing an administrator appends
 * `admin-removed` (team-ops `offboard`, or `removeAdmin` on demotion), which
 * leaves the archive and root rotations owed in the verified state;
 * `rotateOrgKeysIfOwed` performs them, `rotateTeamsAfterAdminRemoval` the
 * team keys.
 */

export interface AdminKeyDeps extends TeamOpsDeps {
  /** My own wraps of an organisation key, as the server lists them. */
  myOrgWraps(kind: "org-root" | "archive"): Promise<{ generation: number; blob: string }[]>;
  /** My X25519 secret key, to open my own wraps (it stays in this page). */
  mySecretKey(): Uint8Array;
}

export interface AdminEntry {
  account: StaffAccountView;
  confirmed: boolean;
}

/** Active administrators on the server, each confirmed when the verified log certifies an admin key for them. */
export function adminEntries(state: OrgLogState, accounts: readonly StaffAccountView[]): AdminEntry[] {
  const certified = new Set([...state.admins.values()].map((k) => k.accountId));
  return accounts
    .filter((a) => a.role === "org_admin" && a.disabledAt === null)
    .map((account) => ({ account, confirmed: certified.has(account.id) }));
}

/** Certifies the account's keys as an administrator's (and as staff), then hands over the keys I hold. */
export async function confirmAdmin(deps: AdminKeyDeps, props: { accountId: string }): Promise<{ teams: number }> {
  const keys = await deps.publicKeys(props.accountId);
  const signingKey = fromBase64Url(keys.signingPublicKey);
  const encryptionKey = fromBase64Url(keys.encryptionPublicKey);
  const state = await deps.log.apply((s) => {
    const out: OrgLogPayload[] = [];
    if (s.retiredKeys.has(keys.signingPublicKey))
      throw new CryptoError("invalid_transition", "this key was removed and cannot return; reset the account first");
    const admin = s.admins.get(keys.signingPublicKey);
    const staff = s.staff.get(keys.signingPublicKey);
    if ((admin && admin.accountId !== props.accountId) || (staff && staff.accountId !== props.accountId))
      throw new CryptoError("invalid_transition", "this key is certified for another account");
    if (!admin) out.push({ type: "admin-added", accountId: props.accountId, signingKey, encryptionKey });
    if (!staff) out.push({ type: "staff-key-certified", accountId: props.accountId, signingKey, encryptionKey });
    return out;
  });
  const to: CertifiedKey = { accountId: props.accountId, signingKey, encryptionKey };
  const wraps = [...(await orgKeyWraps(deps, state, to)), ...(await teamKeyWraps(deps, state, to))];
  // One by one: a repeated confirmation finds some wraps stored already (409) and adds the rest.
  await uploadEach(deps, wraps);
  deps.refresh();
  return { teams: wraps.filter((w) => w.kind === "team").length };
}

/** The root key and every archive generation I hold, each opened and checked against the log, re-wrapped. */
async function orgKeyWraps(deps: AdminKeyDeps, state: OrgLogState, to: CertifiedKey): Promise<NewKeyWrap[]> {
  const mine = deps.mySecretKey();
  const [roots, archives] = await Promise.all([deps.myOrgWraps("org-root"), deps.myOrgWraps("archive")]);
  const wrap = (kind: "org-root" | "archive", generation: number, blob: Uint8Array): NewKeyWrap => ({
    kind,
    refId: state.orgId,
    generation,
    recipientAccountId: to.accountId,
    blob: toBase64Url(blob),
  });
  const out: NewKeyWrap[] = [];
  // Only the current root generation signs; earlier ones are of no use to anybody.
  const rootGeneration = currentRootGeneration(state).generation;
  const rootWrap = roots.find((w) => w.generation === rootGeneration);
  if (!rootWrap) throw new CryptoError("unknown_key", "this browser holds no current root key to hand over");
  const root = await openOrgRootKey(mine, fromBase64Url(rootWrap.blob), state, rootGeneration);
  out.push(wrap("org-root", rootGeneration, await wrapOrgRootKey(to.encryptionKey, root, state.orgId, rootGeneration)));
  root.secretKey.fill(0);
  const current = currentArchiveGeneration(state).generation;
  for (const { generation } of state.archiveGenerations) {
    const held = archives.find((w) => w.generation === generation);
    // Older generations from before I was an admin may be missing; the current one must not be.
    if (!held) {
      if (generation === current) throw new CryptoError("unknown_key", "this browser holds no current archive key");
      continue;
    }
    const archive = await openArchiveKey(mine, fromBase64Url(held.blob), state, generation);
    out.push(wrap("archive", generation, await wrapArchiveKey(to.encryptionKey, archive, state.orgId, generation)));
    archive.secretKey.fill(0);
  }
  return out;
}

/** The current generation of every team whose key I hold (history opens through the team-previous wraps). */
async function teamKeyWraps(deps: AdminKeyDeps, state: OrgLogState, to: CertifiedKey): Promise<NewKeyWrap[]> {
  const out: NewKeyWrap[] = [];
  for (const [teamId, team] of state.teams) {
    const current = team.generations.at(-1);
    if (!current) continue;
    let key;
    try {
      key = await deps.teamKey(teamId, current.generation);
    } catch {
      continue; // Not a custodian of this one; another admin can hand it over.
    }
    out.push(...(await wrapsFor(key, [to])));
  }
  return out;
}

/** A demotion: `admin-removed` for the account's admin key, if the log still names one (its staff key stays). */
export async function removeAdmin(deps: TeamOpsDeps, props: { accountId: string }): Promise<void> {
  await deps.log.apply((s) => {
    const key = adminKeyOf(s, props.accountId);
    return key ? [{ type: "admin-removed", signingKey: key.signingKey }] : [];
  });
}

/**
 * After an `admin-removed`: a fresh archive key (generation g+1) and a fresh
 * root key (its signing authority; the genesis root stays the identity) in
 * the log, each wrapped to every remaining confirmed, active administrator.
 * Older archive generations stay with those who hold them (old epochs name
 * them); the removed administrator gets nothing new, and their copy of the
 * old root key signs nothing the log accepts any more. Returns the new
 * generations, or null for what was not owed (or another admin did first).
 */
export async function rotateOrgKeysIfOwed(
  deps: AdminKeyDeps,
): Promise<{ archive: number | null; root: number | null }> {
  const before = await deps.log.load();
  if (!before.archiveRotationOwed && !before.rootRotationOwed) return { archive: null, root: null };
  const archive = generateEncryptionKeyPair();
  const root = generateSigningKeyPair();
  const state = await deps.log.apply((s) => [
    ...(s.rootRotationOwed ? [{ type: "root-key-rotated" as const, rootSigningKey: root.publicKey }] : []),
    ...(s.archiveRotationOwed ? [{ type: "archive-key-rotated" as const, archiveKey: archive.publicKey }] : []),
  ]);
  const archiveGen = currentArchiveGeneration(state);
  const rootGen = currentRootGeneration(state);
  const mineArchive = constantTimeEqual(archiveGen.publicKey, archive.publicKey);
  const mineRoot = constantTimeEqual(rootGen.publicKey, root.publicKey);
  const admins = custodians(state, await deps.activeAdmins());
  const wraps: NewKeyWrap[] = [];
  const to = (a: CertifiedKey, kind: "org-root" | "archive", generation: number, blob: Uint8Array): NewKeyWrap => ({
    kind,
    refId: state.orgId,
    generation,
    recipientAccountId: a.accountId,
    blob: toBase64Url(blob),
  });
  for (const a of admins) {
    if (mineArchive)
      wraps.push(
        to(
          a,
          "archive",
          archiveGen.generation,
          await wrapArchiveKey(a.encryptionKey, archive, state.orgId, archiveGen.generation),
        ),
      );
    if (mineRoot)
      wraps.push(
        to(
          a,
          "org-root",
          rootGen.generation,
          await wrapOrgRootKey(a.encryptionKey, root, state.orgId, rootGen.generation),
        ),
      );
  }
  archive.secretKey.fill(0);
  root.secretKey.fill(0);
  if (wraps.length > 0) await deps.uploadWraps(wraps);
  return { archive: mineArchive ? archiveGen.generation : null, root: mineRoot ? rootGen.generation : null };
}

/**
 * After an administrator's removal: a new generation for every team key the
 * former admin may have held as custodian (all teams with a key), except
 * those already rotated (`skip`, e.g. their own teams in `offboard`), so
 * their saved keys open no epoch key of a later conversation epoch.
 * Throws `unknown_key` after trying all when some team key is not in this
 * browser (another admin who holds it can finish).
 */
export async function rotateTeamsAfterAdminRemoval(
  deps: TeamOpsDeps,
  skip: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const state = await deps.log.load();
  const rotated: string[] = [];
  const failed: string[] = [];
  for (const [teamId, team] of state.teams) {
    if (skip.has(teamId) || team.generations.length === 0) continue;
    try {
      await rotateTeam(deps, teamId);
      rotated.push(teamId);
    } catch {
      failed.push(teamId);
    }
  }
  deps.refresh();
  if (failed.length > 0)
    throw new CryptoError("unknown_key", `${failed.length} team key(s) could not be rotated in this browser`);
  return rotated;
}
