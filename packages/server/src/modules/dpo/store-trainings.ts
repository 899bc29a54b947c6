// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, TrainingConfirmationsTable, TrainingsTable } from "../../infra/db/schema";

/** The training records' queries (ADR 0048). No authorisation here: the services decide first. */
type Db = Kysely<Database> | Transaction<Database>;

export type TrainingRow = TrainingsTable;
export type ConfirmationRow = TrainingConfirmationsTable;

/** A staff member a training may be meant for. */
export interface StaffMember {
  id: string;
  name: string;
  role: string;
  created_at: number;
}

export async function listTrainingRows(db: Db, orgId: string): Promise<TrainingRow[]> {
  return db
    .selectFrom("trainings")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

export async function trainingRow(db: Db, orgId: string, id: string): Promise<TrainingRow | undefined> {
  return db
    .selectFrom("trainings")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertTraining(db: Db, row: TrainingRow): Promise<void> {
  await db.insertInto("trainings").values(row).execute();
}

/** The organisation's active staff accounts (disabled accounts owe no training). */
export async function activeStaff(db: Db, orgId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "username", "display_name", "role", "created_at"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "staff")
    .where("disabled_at", "is", null)
    .orderBy("username")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.display_name ?? r.username,
    role: r.role,
    created_at: Number(r.created_at),
  }));
}

/** One account as a staff member of the organisation, if it is one and active. */
export async function staffMember(db: Db, orgId: string, accountId: string): Promise<StaffMember | undefined> {
  return (await activeStaff(db, orgId)).find((s) => s.id === accountId);
}

/** The latest participation day per training and account of the organisation (optionally of one account). */
export async function latestAttendance(db: Db, orgId: string, accountId?: string): Promise<Map<string, string>> {
  let query = db
    .selectFrom("training_confirmations")
    .select(["training_id", "account_id"])
    .select((eb) => eb.fn.max("attended_on").as("attended_on"))
    .where("organisation_id", "=", orgId)
    .groupBy(["training_id", "account_id"]);
  if (accountId !== undefined) query = query.where("account_id", "=", accountId);
  const rows = await query.execute();
  return new Map(rows.map((r) => [`${r.training_id}|${r.account_id}`, String(r.attended_on)]));
}

export async function insertConfirmation(db: Db, row: ConfirmationRow): Promise<void> {
  await db.insertInto("training_confirmations").values(row).execute();
}

/** Every training of every organisation: the reminder job's candidates. */
export async function allTrainings(db: Db): Promise<TrainingRow[]> {
  return db.selectFrom("trainings").selectAll().orderBy("id").execute();
}

/** Claims the "training due" notice of one person and due period; false when it was claimed before. */
export async function claimTrainingReminder(
  db: Db,
  r: { trainingId: string; accountId: string; dueSince: string; now: number },
): Promise<boolean> {
  const res = await db
    .insertInto("training_reminders")
    .values({ training_id: r.trainingId, account_id: r.accountId, due_since: r.dueSince, sent_at: r.now })
    .onConflict((oc) => oc.columns(["training_id", "account_id", "due_since"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The reminders already sent for an organisation's trainings, as `training|account|dueSince`. */
export async function sentTrainingReminders(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("training_reminders as r")
    .innerJoin("trainings as t", "t.id", "r.training_id")
    .select(["r.training_id", "r.account_id", "r.due_since"])
    .where("t.organisation_id", "=", orgId)
    .execute();
  return new Set(rows.map((r) => `${r.training_id}|${r.account_id}|${r.due_since}`));
}
