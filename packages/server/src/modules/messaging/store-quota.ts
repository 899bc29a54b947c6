// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The queries behind attachment storage quotas (attachments-quota.ts): the
 * reservation locks, live bytes per account, organisation and instance, and
 * the organisation's last alert level.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** Advisory-lock namespace of storage reservations (PostgreSQL), so the keys cannot meet other locks. */
const LOCK_NAMESPACE = 0x0b4a7;

/** Takes the transaction-scoped advisory lock of one reservation key (PostgreSQL only). */
export async function lockReservation(trx: Transaction<Database>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${key}))`.execute(trx);
}

/** PostgreSQL sums bigint columns as strings. */
function bytes(row: { used: string | number | null } | undefined): number {
  return Number(row?.used ?? 0);
}

/** Live attachment bytes an account uploaded (pending with their declared size, and completed). */
export async function usedByAccount(db: Db, accountId: string): Promise<number> {
  return bytes(
    await db
      .selectFrom("attachments")
      .select(sql<string | number | null>`sum(size)`.as("used"))
      .where("uploader_id", "=", accountId)
      .executeTakeFirst(),
  );
}

/** Live attachment bytes of an organisation's conversations, or of the whole instance (null). */
export async function storageUsed(db: Db, organisationId: string | null): Promise<number> {
  const used = sql<string | number | null>`sum(a.size)`.as("used");
  if (organisationId === null) return bytes(await db.selectFrom("attachments as a").select(used).executeTakeFirst());
  return bytes(
    await db
      .selectFrom("attachments as a")
      .innerJoin("conversations as c", "c.id", "a.conversation_id")
      .select(used)
      .where("c.organisation_id", "=", organisationId)
      .executeTakeFirst(),
  );
}

const levelKey = (organisationId: string) => `storage_alert:${organisationId}`;

/** The organisation's last recorded alert level, 0 when none. */
export async function findStorageAlertLevel(db: Db, organisationId: string): Promise<number> {
  const stored = await db
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", levelKey(organisationId))
    .executeTakeFirst();
  return Number(stored?.value ?? 0);
}

export async function storeStorageAlertLevel(
  db: Db,
  organisationId: string,
  level: number,
  now: number,
): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key: levelKey(organisationId), value: String(level), updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(level), updated_at: now }))
    .execute();
}
