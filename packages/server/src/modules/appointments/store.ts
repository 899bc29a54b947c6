// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type {
  AppointmentDaysOffTable,
  AppointmentSlotsTable,
  AppointmentsTable,
  Database,
} from "../../infra/db/schema";

/** The appointments' queries (ADR 0052). No authorisation here: the services decide first. */
type Db = Kysely<Database> | Transaction<Database>;

export type SlotRow = AppointmentSlotsTable;
export type AppointmentRow = AppointmentsTable;
export type DayOffRow = AppointmentDaysOffTable;

export async function slotsOf(db: Db, counsellorId: string): Promise<SlotRow[]> {
  return db
    .selectFrom("appointment_slots")
    .selectAll()
    .where("counsellor_id", "=", counsellorId)
    .orderBy("weekday")
    .orderBy("start_minute")
    .execute();
}

export async function daysOffOf(db: Db, counsellorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("appointment_days_off")
    .select("day")
    .where("counsellor_id", "=", counsellorId)
    .orderBy("day")
    .execute();
  return rows.map((r) => r.day);
}

/** Replaces a counsellor's weekly rules and days off in one transaction. */
export async function replaceAvailability(db: Db, counsellorId: string, slots: SlotRow[], daysOff: DayOffRow[]) {
  await db.deleteFrom("appointment_slots").where("counsellor_id", "=", counsellorId).execute();
  await db.deleteFrom("appointment_days_off").where("counsellor_id", "=", counsellorId).execute();
  if (slots.length > 0) await db.insertInto("appointment_slots").values(slots).execute();
  if (daysOff.length > 0) await db.insertInto("appointment_days_off").values(daysOff).execute();
}

/** A counsellor's appointments that end after `from` (and start before `to`, when given). */
export async function appointmentsOfCounsellor(
  db: Db,
  counsellorId: string,
  from: number,
  to?: number,
): Promise<AppointmentRow[]> {
  let q = db
    .selectFrom("appointments")
    .selectAll()
    .where("counsellor_id", "=", counsellorId)
    .where("ends_at", ">", from);
  if (to !== undefined) q = q.where("starts_at", "<", to);
  const rows = await q.orderBy("starts_at").execute();
  return rows.map(numeric);
}

export async function appointmentsOfCase(db: Db, caseId: string, from: number): Promise<AppointmentRow[]> {
  const rows = await db
    .selectFrom("appointments")
    .selectAll()
    .where("case_id", "=", caseId)
    .where("ends_at", ">", from)
    .orderBy("starts_at")
    .execute();
  return rows.map(numeric);
}

export async function appointmentRow(db: Db, id: string): Promise<AppointmentRow | undefined> {
  const row = await db.selectFrom("appointments").selectAll().where("id", "=", id).executeTakeFirst();
  return row && numeric(row);
}

/** Inserts a booking; the unique index (counsellor, start) refuses a second one for the same slot. */
export async function insertAppointment(db: Db, row: AppointmentRow): Promise<void> {
  await db.insertInto("appointments").values(row).execute();
}

export async function deleteAppointment(db: Db, id: string): Promise<void> {
  await db.deleteFrom("appointments").where("id", "=", id).execute();
}

export async function feedOf(db: Db, accountId: string): Promise<{ created_at: number } | undefined> {
  const row = await db
    .selectFrom("calendar_feeds")
    .select("created_at")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row && { created_at: Number(row.created_at) };
}

export async function feedByHash(
  db: Db,
  tokenHash: string,
): Promise<{ account_id: string; organisation_id: string } | undefined> {
  return db
    .selectFrom("calendar_feeds")
    .select(["account_id", "organisation_id"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function replaceFeed(
  db: Db,
  row: { account_id: string; organisation_id: string; token_hash: string; created_at: number },
): Promise<void> {
  await db.deleteFrom("calendar_feeds").where("account_id", "=", row.account_id).execute();
  await db.insertInto("calendar_feeds").values(row).execute();
}

export async function deleteFeed(db: Db, accountId: string): Promise<number> {
  const res = await db.deleteFrom("calendar_feeds").where("account_id", "=", accountId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** PostgreSQL returns bigint columns as strings. */
function numeric(row: AppointmentRow): AppointmentRow {
  return {
    ...row,
    starts_at: Number(row.starts_at),
    ends_at: Number(row.ends_at),
    created_at: Number(row.created_at),
  };
}
