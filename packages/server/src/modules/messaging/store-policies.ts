// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { AttachmentPoliciesTable, Database, MessagingPoliciesTable } from "../../infra/db/schema";

/**
 * An organisation's stored attachment and messaging policies (one row each,
 * absent until an admin saves one). Defaults and validation live in
 * attachment-policy.ts and messaging-policy.ts.
 */
type Db = Kysely<Database> | Transaction<Database>;

export function findAttachmentPolicyRow(db: Db, orgId: string): Promise<AttachmentPoliciesTable | undefined> {
  return db.selectFrom("attachment_policies").selectAll().where("organisation_id", "=", orgId).executeTakeFirst();
}

/** Inserts or replaces the organisation's attachment policy. */
export async function storeAttachmentPolicy(
  db: Db,
  orgId: string,
  values: Omit<AttachmentPoliciesTable, "organisation_id">,
): Promise<void> {
  await db
    .insertInto("attachment_policies")
    .values({ organisation_id: orgId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

export function findMessagingPolicyRow(db: Db, orgId: string): Promise<Selectable<MessagingPoliciesTable> | undefined> {
  return db.selectFrom("messaging_policies").selectAll().where("organisation_id", "=", orgId).executeTakeFirst();
}

/** Inserts or replaces the organisation's messaging policy. */
export async function storeMessagingPolicy(
  db: Db,
  orgId: string,
  values: Omit<Insertable<MessagingPoliciesTable>, "organisation_id">,
): Promise<void> {
  await db
    .insertInto("messaging_policies")
    .values({ organisation_id: orgId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}
