// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type CertifiedKey,
  type OrgLogPayload,
  type OrgLogState,
  CryptoError,
  adminKeyOf,
  constantTimeEqual,
  currentArchiveGeneration,
  fromBase64Url,
  generateEncryptionKeyPair,
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
 * `admin-removed` (team-ops `offboard`), which leaves an archive rotation
 * owed in the verified state; `rotateArchiveIfOwed` performs it.
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
  const rootWrap = roots.at(-1);
  if (!rootWrap) throw new CryptoError("unknown_key", "this browser holds no root key to hand over");
  const root = await openOrgRootKey(mine, fromBase64Url(rootWrap.blob), state);
  out.push(wrap("org-root", 1, await wrapOrgRootKey(to.encryptionKey, root, state.orgId)));
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
 * After an `admin-removed`: a fresh archive key (generation g+1) in the log,
 * wrapped to every remaining confirmed, active administrator. Older
 * generations stay with those who hold them (old epochs name them), but the
 * removed administrator gets nothing new. Returns the new generation, or
 * null when nothing was owed (or another admin rotated first).
 */
export async function rotateArchiveIfOwed(deps: AdminKeyDeps): Promise<number | null> {
  const before = await deps.log.load();
  if (!before.archiveRotationOwed) return null;
  const next = generateEncryptionKeyPair();
  const state = await deps.log.apply((s) =>
    s.archiveRotationOwed ? [{ type: "archive-key-rotated", archiveKey: next.publicKey }] : [],
  );
  const current = currentArchiveGeneration(state);
  if (!constantTimeEqual(current.publicKey, next.publicKey)) {
    next.secretKey.fill(0);
    return null;
  }
  const admins = custodians(state, await deps.activeAdmins());
  const wraps: NewKeyWrap[] = [];
  for (const a of admins) {
    wraps.push({
      kind: "archive",
      refId: state.orgId,
      generation: current.generation,
      recipientAccountId: a.accountId,
      blob: toBase64Url(await wrapArchiveKey(a.encryptionKey, next, state.orgId, current.generation)),
    });
  }
  next.secretKey.fill(0);
  await deps.uploadWraps(wraps);
  return current.generation;
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
