// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { teamMembers } from "./store";
import { unarchivedCasesOfTeam } from "./store-cases";
import { insertConversationMembers, markMembersLeft, memberRowsOf, rejoinAsTeamMember } from "./store-conversations";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Keeps the "team" members of a case (or notes) conversation equal to the
 * active members of `teamId`: who left the team (or whose account was
 * deactivated) gets left_at — their history stays, their access ends;
 * who joined is added, or re-added. The client's row is never touched.
 * Reading old epochs needs no new wraps: staff unwrap them with the team key.
 */
export async function syncConversationTeam(
  db: Db,
  now: number,
  conversationId: string,
  teamId: string,
  clientId: string,
): Promise<void> {
  const wanted = new Set((await teamMembers(db, teamId)).map((m) => m.account_id));
  wanted.delete(clientId);
  const rows = await memberRowsOf(db, conversationId);
  const present = new Map(rows.map((r) => [r.account_id, r]));
  const leaving = rows.filter((r) => r.role === "team" && r.left_at === null && !wanted.has(r.account_id));
  if (leaving.length)
    await markMembersLeft(
      db,
      conversationId,
      leaving.map((r) => r.account_id),
      now,
    );
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
 * archived in line with the team. Runs in the caller's transaction.
 */
export async function syncTeamCases(db: Db, now: number, teamId: string): Promise<number> {
  const cases = await unarchivedCasesOfTeam(db, teamId);
  for (const c of cases) {
    await syncConversationTeam(db, now, c.conversation_id, teamId, c.client_id);
    if (c.notes_conversation_id) await syncConversationTeam(db, now, c.notes_conversation_id, teamId, c.client_id);
  }
  return cases.length;
}
