// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RetentionClass } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Database, LegalHoldsTable, RetentionRulesTable } from "../../infra/db/schema";

/**
 * Retention rule and legal hold rows (modules/retention/rules.ts validates,
 * authorises and audits). A rule row exists only where a scope chose a
 * period other than the default.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export async function listRetentionRules(db: Db, scope: string): Promise<RetentionRulesTable[]> {
  return db.selectFrom("retention_rules").selectAll().where("scope", "=", scope).execute();
}

/** Stores a scope's period for one class, replacing the one stored before. */
export async function storeRetentionRule(
  trx: Trx,
  rule: { scope: string; dataClass: RetentionClass; periodDays: number; updatedBy: string | null; updatedAt: number },
): Promise<void> {
  await trx
    .insertInto("retention_rules")
    .values({
      scope: rule.scope,
      data_class: rule.dataClass,
      period_days: rule.periodDays,
      updated_by: rule.updatedBy,
      updated_at: rule.updatedAt,
    })
    .onConflict((oc) =>
      oc
        .columns(["scope", "data_class"])
        .doUpdateSet({ period_days: rule.periodDays, updated_by: rule.updatedBy, updated_at: rule.updatedAt }),
    )
    .execute();
}

/** The organisation's active holds, oldest first. */
export async function listActiveLegalHolds(db: Db, orgId: string): Promise<LegalHoldsTable[]> {
  return db
    .selectFrom("legal_holds")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("released_at", "is", null)
    .orderBy("set_at")
    .execute();
}

/** The case's active hold, if any. */
export async function findActiveLegalHold(db: Db, caseId: string): Promise<LegalHoldsTable | undefined> {
  return db
    .selectFrom("legal_holds")
    .selectAll()
    .where("case_id", "=", caseId)
    .where("released_at", "is", null)
    .executeTakeFirst();
}

export async function insertLegalHold(trx: Trx, row: LegalHoldsTable): Promise<void> {
  await trx.insertInto("legal_holds").values(row).execute();
}

/** A new reason for an active hold, with who set it when. */
export async function updateLegalHoldReason(
  trx: Trx,
  holdId: string,
  props: { reason: string; setBy: string; setAt: number },
): Promise<void> {
  await trx
    .updateTable("legal_holds")
    .set({ reason: props.reason, set_by: props.setBy, set_at: props.setAt })
    .where("id", "=", holdId)
    .execute();
}

export async function markLegalHoldReleased(
  trx: Trx,
  holdId: string,
  props: { releasedAt: number; releasedBy: string },
): Promise<void> {
  await trx
    .updateTable("legal_holds")
    .set({ released_at: props.releasedAt, released_by: props.releasedBy })
    .where("id", "=", holdId)
    .execute();
}

/** A case's organisation and team, what the hold policy decides on. */
export async function findCaseTeam(
  db: Db,
  caseId: string,
): Promise<{ id: string; organisation_id: string; team_id: string } | undefined> {
  return db
    .selectFrom("cases")
    .select(["id", "organisation_id", "team_id"])
    .where("id", "=", caseId)
    .executeTakeFirst();
}

/** The account's role in the team, if it is a member. */
export async function findTeamRole(
  db: Db,
  teamId: string,
  accountId: string,
): Promise<{ role: "member" | "lead" } | undefined> {
  return db
    .selectFrom("team_members")
    .select("role")
    .where("team_id", "=", teamId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}
