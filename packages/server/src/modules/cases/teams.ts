// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { oweEpochRotation } from "../messaging";
import { currentArchiveGeneration, currentTeamGeneration, teamMembers } from "./store";
import { unarchivedCasesOfOrganisation, unarchivedCasesOfTeam } from "./store-cases";
import { insertConversationMembers, markMembersLeft, memberRowsOf, rejoinAsTeamMember } from "./store-conversations";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Why members leave: their team changed (removal, offboarding: the team's key must be renewed before the next
 * epoch, so `teamGeneration` is the generation the new epoch needs at least), or the case went to another team
 * (its current key will do).
 */
export type TeamChange = { reason: "member_left"; teamGeneration: number } | { reason: "handover" };

/**
 * Keeps the "team" members of a case (or notes) conversation equal to the
 * active members of `teamId`: who left the team (or whose account was
 * deactivated) gets left_at — their history stays, their access ends;
 * who joined is added, or re-added. The client's row is never touched.
 * Reading old epochs needs no new wraps: staff unwrap them with the team key.
 * When someone leaves, the conversation owes a new epoch (ADR 0029): they
 * could open the current one, so no message goes in until a browser of the
 * team (or the client) has published the next.
 */
export async function syncConversationTeam(
  db: Db,
  now: number,
  conversationId: string,
  teamId: string,
  clientId: string,
  change: TeamChange,
): Promise<void> {
  const wanted = new Set((await teamMembers(db, teamId)).map((m) => m.account_id));
  wanted.delete(clientId);
  const rows = await memberRowsOf(db, conversationId);
  const present = new Map(rows.map((r) => [r.account_id, r]));
  const leaving = rows.filter((r) => r.role === "team" && r.left_at === null && !wanted.has(r.account_id));
  if (leaving.length) {
    await markMembersLeft(
      db,
      conversationId,
      leaving.map((r) => r.account_id),
      now,
    );
    await oweEpochRotation(db, [conversationId], {
      reason: change.reason,
      now,
      teamGeneration: change.reason === "member_left" ? change.teamGeneration : "reset",
    });
  }
  for (const accountId of wanted) {
    const row = present.get(accountId);
    if (!row)
      await insertConversationMembers(db, [
        { conversation_id: conversationId, account_id: accountId, role: "team", joined_at: now, left_at: null },
      ]);
    else if (row.left_at !== null) await rejoinAsTeamMember(db, conversationId, accountId, now);
  }
}

/**
 * Called wherever team_members changes (invitation with a team, deactivation,
 * admin changes): brings the conversations of the team's cases that are not
 * archived in line with the team. Runs in the caller's transaction. Whoever
 * left held the team's current key generation, so an owed epoch must be filed
 * under the next one (the admin's browser rotates the team key right after).
 */
export async function syncTeamCases(db: Db, now: number, teamId: string): Promise<number> {
  const cases = await unarchivedCasesOfTeam(db, teamId);
  if (cases.length === 0) return 0;
  const change: TeamChange = { reason: "member_left", teamGeneration: (await currentTeamGeneration(db, teamId)) + 1 };
  for (const c of cases) {
    await syncConversationTeam(db, now, c.conversation_id, teamId, c.client_id, change);
    if (c.notes_conversation_id)
      await syncConversationTeam(db, now, c.notes_conversation_id, teamId, c.client_id, change);
  }
  return cases.length;
}

/**
 * An administrator who held the organisation's keys was removed (deactivated or demoted): as custodian they held
 * every team key and the archive key, which every case epoch is wrapped to. So every case and notes conversation
 * that is not archived owes a new epoch, filed under team and archive key generations they never held (their
 * remaining colleagues' browsers rotate both right after; ADR 0026, ADR 0029).
 */
export async function oweRotationAfterAdminRemoval(db: Db, orgId: string, now: number): Promise<number> {
  const cases = await unarchivedCasesOfOrganisation(db, orgId);
  if (cases.length === 0) return 0;
  const archiveGeneration = (await currentArchiveGeneration(db, orgId)) + 1;
  const byTeam = new Map<string, string[]>();
  for (const c of cases) {
    const list = byTeam.get(c.team_id) ?? [];
    list.push(c.conversation_id, ...(c.notes_conversation_id ? [c.notes_conversation_id] : []));
    byTeam.set(c.team_id, list);
  }
  for (const [teamId, conversationIds] of byTeam)
    await oweEpochRotation(db, conversationIds, {
      reason: "admin_removed",
      now,
      teamGeneration: (await currentTeamGeneration(db, teamId)) + 1,
      archiveGeneration,
    });
  return cases.length;
}
