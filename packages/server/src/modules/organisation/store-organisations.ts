// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, OrganisationsTable } from "../../infra/db/schema";

/** Organisation rows, their session and second-factor policy rows, and the instance settings of setup. */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export async function findOrganisation(db: Db, orgId: string): Promise<OrganisationsTable | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", orgId).executeTakeFirst();
}

export async function organisationExists(db: Db, orgId: string): Promise<boolean> {
  return (await db.selectFrom("organisations").select("id").where("id", "=", orgId).executeTakeFirst()) !== undefined;
}

/** Whether the instance has any organisation at all. */
export async function anyOrganisation(db: Db): Promise<boolean> {
  return (await db.selectFrom("organisations").select("id").executeTakeFirst()) !== undefined;
}

export async function insertOrganisation(trx: Trx, row: OrganisationsTable): Promise<void> {
  await trx.insertInto("organisations").values(row).execute();
}

/** Sets the root key unless one is set already; returns whether this call set it. */
export async function claimOrganisationRoot(trx: Trx, orgId: string, rootPublicKey: string): Promise<boolean> {
  const claimed = await trx
    .updateTable("organisations")
    .set({ root_public_key: rootPublicKey })
    .where("id", "=", orgId)
    .where("root_public_key", "is", null)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Stores one role's session and second-factor rule, replacing the one stored before. */
export async function storeRolePolicy(
  db: Db,
  orgId: string,
  role: string,
  values: { idle_ms: number; absolute_ms: number; mfa_required: number; updated_by: string | null; updated_at: number },
): Promise<void> {
  await db
    .insertInto("organisation_policies")
    .values({ organisation_id: orgId, role, ...values })
    .onConflict((oc) => oc.columns(["organisation_id", "role"]).doUpdateSet(values))
    .execute();
}

/** Stores how long the organisation's clients' kept devices may stay idle, replacing the value before. */
export async function storeClientDevicePolicy(
  db: Db,
  orgId: string,
  values: { idle_ms: number; updated_by: string | null; updated_at: number },
): Promise<void> {
  await db
    .insertInto("client_device_policies")
    .values({ organisation_id: orgId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

export async function findInstanceSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("instance_settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/** Stores a setting, replacing its value. */
export async function storeInstanceSetting(db: Db, key: string, value: string, now: number): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Stores a setting unless it exists (the primary key decides races); returns whether this call stored it. */
export async function insertInstanceSettingOnce(trx: Trx, key: string, value: string, now: number): Promise<boolean> {
  const inserted = await trx
    .insertInto("instance_settings")
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteInstanceSetting(trx: Trx, key: string): Promise<void> {
  await trx.deleteFrom("instance_settings").where("key", "=", key).execute();
}
