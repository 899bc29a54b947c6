// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type CertifiedKey,
  type OrgLogPayload,
  type OrgLogState,
  type TeamKeyGeneration,
  CryptoError,
  createTeamKeyGeneration,
  currentTeamKeyGeneration,
  fromBase64Url,
  rotateTeamKey,
  teamKeyLogPayload,
  toBase64Url,
  wrapTeamKeyToMembers,
} from "@obhut/crypto";
import type { NewKeyWrap } from "@obhut/protocol";
import type { OrgLogWriter } from "./org-log-writer";

/**
 * Team membership and offboarding as the admin's browser does it (issue 4,
 * items 7 and 8). The server changes its directory (who is in which team,
 * who may log in); everything cryptographic happens here:
 *
 * - join: certify the member's staff key in the org log if it is not yet,
 *   add the team (if new) and the membership, then wrap the team key's
 *   current generation to the member (a new team gets generation 1);
 * - leave / offboard: remove the membership (and revoke the staff key when
 *   offboarding) in the log, then rotate the team key: generation g+1 for
 *   the members who remain, g wrapped under g+1, so they keep reading
 *   history while the former member's keys open nothing new.
 *
 * Administrators hold every team key as custodians (ADR 0016): they already
 * hold the archive key, and without the current generation nobody could
 * wrap it to a new member or rotate it when no team member is around.
 */

export interface TeamOpsDeps {
  log: OrgLogWriter;
  /** My team key of this generation, checked against the log (the staff key ring). */
  teamKey(teamId: string, generation: number): Promise<TeamKeyGeneration>;
  /** Forget cached log and wraps after a change (the staff key ring's refresh). */
  refresh(): void;
  /** Public keys from the account's key bundle, as the server reports them. */
  publicKeys(accountId: string): Promise<{ signingPublicKey: string; encryptionPublicKey: string }>;
  /** Active administrator account ids (custodians of team keys); the server refuses wraps to others. */
  activeAdmins(): Promise<ReadonlySet<string>>;
  /** Current members of a team in the server's directory. */
  serverMembers(teamId: string): Promise<ReadonlySet<string>>;
  uploadWraps(wraps: NewKeyWrap[]): Promise<void>;
  /** Whether an upload failed only because that wrap exists already (409). */
  isConflict(error: unknown): boolean;
}

const b64 = toBase64Url;

function keyOf(state: OrgLogState, accountId: string): CertifiedKey | undefined {
  return [...state.staff.values()].find((k) => k.accountId === accountId);
}

/** Custodians: administrators certified in the log whose accounts are active. */
export function custodians(state: OrgLogState, active: ReadonlySet<string>): CertifiedKey[] {
  return [...state.admins.values()].filter((k) => active.has(k.accountId));
}

/** Team members in the log who are still members on the server, plus custodians, each once. */
function recipients(state: OrgLogState, teamId: string, server: ReadonlySet<string>, admins: CertifiedKey[]) {
  const team = state.teams.get(teamId);
  const members = team ? [...team.members].map((k) => state.staff.get(k)!).filter(Boolean) : [];
  const all = new Map<string, CertifiedKey>();
  for (const m of members) if (server.has(m.accountId)) all.set(m.accountId, m);
  for (const a of admins) if (!all.has(a.accountId)) all.set(a.accountId, a);
  return [...all.values()];
}

export async function wrapsFor(key: TeamKeyGeneration, to: CertifiedKey[]): Promise<NewKeyWrap[]> {
  const wrapped = await wrapTeamKeyToMembers(key, to);
  return wrapped.map((w, i) => ({
    kind: "team" as const,
    refId: key.teamId,
    generation: key.generation,
    recipientAccountId: to[i]!.accountId,
    blob: b64(w.wrapped),
  }));
}

/** Uploads one by one where a wrap may already exist (a repeated join), so one 409 does not stop the rest. */
export async function uploadEach(deps: TeamOpsDeps, wraps: NewKeyWrap[]): Promise<void> {
  for (const w of wraps) {
    try {
      await deps.uploadWraps([w]);
    } catch (error) {
      if (!deps.isConflict(error)) throw error;
    }
  }
}

export interface JoinResult {
  generation: number;
  certified: boolean;
}

/**
 * Makes `accountId` a member of `teamId` in the log and gives them the
 * current team key. The server membership must exist already (the caller
 * adds it first: the server only accepts wraps to members). Safe to repeat.
 */
export async function joinTeam(deps: TeamOpsDeps, props: { teamId: string; accountId: string }): Promise<JoinResult> {
  const { state, certified } = await addToLog(deps, props);
  const generation =
    (state.teams.get(props.teamId)?.generations.length ?? 0) === 0
      ? await createFirstGeneration(deps, state, props.teamId)
      : await wrapCurrentGeneration(deps, state, props);
  deps.refresh();
  return { generation, certified };
}

/** Certifies the member's staff key if it is not yet, and adds the team (if new) and the membership to the log. */
async function addToLog(deps: TeamOpsDeps, props: { teamId: string; accountId: string }) {
  const keys = await deps.publicKeys(props.accountId);
  const signingKey = fromBase64Url(keys.signingPublicKey);
  const encryptionKey = fromBase64Url(keys.encryptionPublicKey);
  let certified = false;
  const state = await deps.log.apply((s) => {
    const out: OrgLogPayload[] = [];
    const known = s.staff.get(keys.signingPublicKey);
    if (known && known.accountId !== props.accountId)
      throw new CryptoError("invalid_transition", "this key is certified for another account");
    // A former admin's key is retired as an admin key but stays certified staff (ADR 0026): only an uncertified
    // retired key is refused.
    if (!known && s.retiredKeys.has(keys.signingPublicKey))
      throw new CryptoError("invalid_transition", "this key was revoked and cannot return");
    if (!known) {
      certified = true;
      out.push({ type: "staff-key-certified", accountId: props.accountId, signingKey, encryptionKey });
    }
    const team = s.teams.get(props.teamId);
    if (!team) out.push({ type: "team-created", teamId: props.teamId });
    if (!team?.members.has(keys.signingPublicKey))
      out.push({ type: "team-member-added", teamId: props.teamId, signingKey });
    return out;
  });
  return { state, certified };
}

/** A team without a key yet: generation 1 for all its members and the custodians. */
async function createFirstGeneration(deps: TeamOpsDeps, before: OrgLogState, teamId: string): Promise<number> {
  const admins = custodians(before, await deps.activeAdmins());
  const key = createTeamKeyGeneration(teamId, 1);
  const state = await deps.log.apply((s) =>
    (s.teams.get(teamId)?.generations.length ?? 0) === 0 ? [teamKeyLogPayload(key)] : [],
  );
  if (currentTeamKeyGeneration(state, teamId).generation !== 1 || !samePublic(state, key)) {
    throw new CryptoError("chain_broken", "another administrator created the team key first; try again");
  }
  const server = await deps.serverMembers(teamId);
  await uploadEach(deps, await wrapsFor(key, recipients(state, teamId, server, admins)));
  return 1;
}

/** The team's current generation, wrapped to the new member only. */
async function wrapCurrentGeneration(
  deps: TeamOpsDeps,
  state: OrgLogState,
  props: { teamId: string; accountId: string },
): Promise<number> {
  const member = keyOf(state, props.accountId)!;
  const current = currentTeamKeyGeneration(state, props.teamId);
  const key = await deps.teamKey(props.teamId, current.generation);
  await uploadEach(deps, await wrapsFor(key, [member]));
  return current.generation;
}

function samePublic(state: OrgLogState, key: TeamKeyGeneration): boolean {
  const published = state.teams.get(key.teamId)?.generations.find((g) => g.generation === key.generation);
  return published !== undefined && b64(published.publicKey) === b64(key.publicKey);
}

/**
 * Generation g+1 of a team for the members who remain (and the custodians);
 * g is wrapped under g+1 so that they read history through it.
 */
export async function rotateTeam(deps: TeamOpsDeps, teamId: string): Promise<number> {
  let state = await deps.log.load();
  const current = currentTeamKeyGeneration(state, teamId);
  const key = await deps.teamKey(teamId, current.generation);
  const server = await deps.serverMembers(teamId);
  const to = recipients(state, teamId, server, custodians(state, await deps.activeAdmins()));
  const { next, previousWrapped, memberWraps } = await rotateTeamKey({ current: key, members: to });
  state = await deps.log.apply((s) =>
    currentTeamKeyGeneration(s, teamId).generation === current.generation ? [teamKeyLogPayload(next)] : [],
  );
  if (!samePublic(state, next))
    throw new CryptoError("chain_broken", "another administrator rotated the team key first; try again");
  await deps.uploadWraps([
    ...memberWraps.map((w, i) => ({
      kind: "team" as const,
      refId: teamId,
      generation: next.generation,
      recipientAccountId: to[i]!.accountId,
      blob: b64(w.wrapped),
    })),
    {
      kind: "team-previous",
      refId: teamId,
      generation: current.generation,
      recipientAccountId: null,
      blob: b64(previousWrapped),
    },
  ]);
  return next.generation;
}

/** Removes a member from a team in the log and rotates the team key (the server membership is gone already). */
export async function leaveTeam(
  deps: TeamOpsDeps,
  props: { teamId: string; accountId: string },
): Promise<number | null> {
  const state = await deps.log.apply((s) => {
    const key = keyOf(s, props.accountId);
    return key && s.teams.get(props.teamId)?.members.has(b64(key.signingKey))
      ? [{ type: "team-member-removed", teamId: props.teamId, signingKey: key.signingKey }]
      : [];
  });
  const generation = state.teams.get(props.teamId)?.generations.length ? await rotateTeam(deps, props.teamId) : null;
  deps.refresh();
  return generation;
}

export interface OffboardResult {
  teams: { teamId: string; generation: number | null }[];
  revoked: boolean;
}

/**
 * After the server has deactivated the account (sessions ended, server team
 * memberships removed): the log loses the member from every team and their
 * staff key (and admin key, if any) is revoked; each affected team key is
 * rotated. Safe to repeat: what is done already is skipped.
 */
export async function offboard(
  deps: TeamOpsDeps,
  props: {
    accountId: string;
    /**
     * Called before the first team key rotation and after each (done of total). The console shows it: the
     * rotations are this browser's only work per team — the team's cases (200 or 2) each owe a new epoch on the
     * server, made by the next member or client who opens the case (ADR 0029), never here.
     */
    onTeamRotated?: (done: number, total: number) => void;
  },
): Promise<OffboardResult> {
  const before = await deps.log.load();
  const staffKey = keyOf(before, props.accountId);
  const adminKey = [...before.admins.values()].find((k) => k.accountId === props.accountId);
  const affected = staffKey
    ? [...before.teams.entries()].filter(([, t]) => t.members.has(b64(staffKey.signingKey))).map(([id]) => id)
    : [];
  await deps.log.apply((s) => {
    const out: OrgLogPayload[] = [];
    const key = keyOf(s, props.accountId);
    if (key) {
      for (const [teamId, t] of s.teams)
        if (t.members.has(b64(key.signingKey)))
          out.push({ type: "team-member-removed", teamId, signingKey: key.signingKey });
      out.push({ type: "staff-key-revoked", signingKey: key.signingKey });
    }
    const admin = [...s.admins.values()].find((k) => k.accountId === props.accountId);
    if (admin) out.push({ type: "admin-removed", signingKey: admin.signingKey });
    return out;
  });
  const teams: OffboardResult["teams"] = [];
  props.onTeamRotated?.(0, affected.length);
  for (const teamId of affected) {
    const hasKey = (before.teams.get(teamId)?.generations.length ?? 0) > 0;
    teams.push({ teamId, generation: hasKey ? await rotateTeam(deps, teamId) : null });
    props.onTeamRotated?.(teams.length, affected.length);
  }
  deps.refresh();
  return { teams, revoked: staffKey !== undefined || adminKey !== undefined };
}
