// SPDX-License-Identifier: AGPL-3.0-or-later
import { type OrgLogPayload, type OrgLogState, CryptoError, fromBase64Url, toBase64Url } from "@obhut/crypto";
import { type AdminKeyDeps, confirmAdmin, rotateOrgKeysIfOwed, rotateTeamsAfterAdminRemoval } from "./admin-keys";
import { joinTeam, rotateTeam } from "./team-ops";

/**
 * After a staff member redeemed an administrator's reset link
 * (docs/PROTOCOL.md, "Reset"), their account has NEW identity keys and the
 * server has dropped every wrap of the old ones; the server cannot grant
 * access by itself (ADR 0006 §6). An administrator's browser finishes it
 * in the organisation log, once the fingerprint read out by the person
 * matches the one the server's keys give:
 *
 * 1. the old staff key is revoked (it leaves every team), a confirmed
 *    administrator's old admin key is removed, the new key is certified;
 * 2. per team the server lists the account in: the team key is rotated for
 *    those who remain (the old key, lost or stolen, opens nothing new) and
 *    the new key joins and receives the current generation — earlier ones
 *    open through the `team-previous` chain, so the team's history reads;
 * 3. a former confirmed administrator is confirmed again with the new key
 *    (organisation and team keys handed over) and the root, archive and
 *    team keys the old admin key could open are rotated.
 *
 * Each step checks what is still missing, so an interrupted run is finished
 * by running it again (`certificationOwed` still says so).
 */

export interface ResetAccount {
  id: string;
  /** The teams the server lists the account in. */
  teams: readonly { teamId: string }[];
}

/**
 * Whether an account whose reset was redeemed still waits for an
 * administrator: its current key (as the server reports it) is not the
 * certified staff key of the account, or is missing from a team of the log
 * that the server lists the account in.
 */
export function certificationOwed(state: OrgLogState, account: ResetAccount, signingPublicKey: string): boolean {
  if (state.staff.get(signingPublicKey)?.accountId !== account.id) return true;
  return account.teams.some((m) => {
    const team = state.teams.get(m.teamId);
    return team !== undefined && !team.members.has(signingPublicKey);
  });
}

/** A reset as the users page shows it: a link still open, or a redeemed one whose new key waits for certification. */
export type ResetState =
  | { kind: "open"; accountId: string; expiresAt: number }
  | { kind: "owed"; accountId: string; usedAt: number; signingPublicKey: string };

/**
 * The reset state of each active account other than mine, from the newest
 * reset per account (GET …/account-resets) and the verified log: the server's
 * current keys are asked for only where a reset was redeemed. Without a
 * verified log nothing counts as owed (nothing could be certified anyway).
 */
export async function resetStates(props: {
  resets: readonly { accountId: string; expiresAt: number; usedAt: number | null }[];
  accounts: readonly (ResetAccount & { disabledAt: number | null })[];
  selfId: string;
  log: OrgLogState | null;
  now: number;
  publicKeys: (accountId: string) => Promise<{ signingPublicKey: string }>;
}): Promise<Map<string, ResetState>> {
  const out = new Map<string, ResetState>();
  const log = props.log;
  await Promise.all(
    props.resets.map(async (r) => {
      const account = props.accounts.find((a) => a.id === r.accountId);
      if (!account || account.disabledAt !== null || account.id === props.selfId) return;
      if (r.usedAt === null) {
        if (r.expiresAt > props.now)
          out.set(r.accountId, { kind: "open", accountId: r.accountId, expiresAt: r.expiresAt });
        return;
      }
      if (!log) return;
      const { signingPublicKey } = await props.publicKeys(r.accountId);
      if (certificationOwed(log, account, signingPublicKey))
        out.set(r.accountId, { kind: "owed", accountId: r.accountId, usedAt: r.usedAt, signingPublicKey });
    }),
  );
  return out;
}

export async function adoptResetKeys(
  deps: AdminKeyDeps,
  props: {
    account: ResetAccount;
    /** The key whose fingerprint the administrator compared (base64url); the server must still report it. */
    signingPublicKey: string;
  },
): Promise<{ teams: string[]; admin: boolean }> {
  const accountId = props.account.id;
  const keys = await deps.publicKeys(accountId);
  if (keys.signingPublicKey !== props.signingPublicKey)
    throw new CryptoError("unknown_key", "the account's keys changed since the fingerprint was compared");
  const fresh = keys.signingPublicKey;
  const signingKey = fromBase64Url(fresh);
  const encryptionKey = fromBase64Url(keys.encryptionPublicKey);
  const before = await deps.log.load();
  const wasAdmin = [...before.admins.values()].some(
    (k) => k.accountId === accountId && toBase64Url(k.signingKey) !== fresh,
  );

  const state = await deps.log.apply((s) => {
    if (s.retiredKeys.has(fresh)) throw new CryptoError("invalid_transition", "this key was revoked and cannot return");
    const known = s.staff.get(fresh);
    if (known && known.accountId !== accountId)
      throw new CryptoError("invalid_transition", "this key is certified for another account");
    const out: OrgLogPayload[] = [];
    for (const k of s.staff.values())
      if (k.accountId === accountId && toBase64Url(k.signingKey) !== fresh)
        out.push({ type: "staff-key-revoked", signingKey: k.signingKey });
    for (const k of s.admins.values())
      if (k.accountId === accountId && toBase64Url(k.signingKey) !== fresh)
        out.push({ type: "admin-removed", signingKey: k.signingKey });
    if (!known) out.push({ type: "staff-key-certified", accountId, signingKey, encryptionKey });
    return out;
  });

  const server = new Set(props.account.teams.map((m) => m.teamId));
  const rejoin = [...server].filter((teamId) => !state.teams.get(teamId)?.members.has(fresh));
  for (const teamId of rejoin) {
    // A team with a key: a new generation first, without the new key; joining then hands it the new one.
    if ((state.teams.get(teamId)?.generations.length ?? 0) > 0) {
      await rotateTeam(deps, teamId);
      // The key ring then reads the log again, with the generation just published.
      deps.refresh();
    }
    await joinTeam(deps, { teamId, accountId });
  }

  if (wasAdmin) {
    await confirmAdmin(deps, { accountId });
    await rotateOrgKeysIfOwed(deps);
    await rotateTeamsAfterAdminRemoval(deps, new Set(rejoin));
  }
  deps.refresh();
  return { teams: rejoin, admin: wasAdmin };
}
