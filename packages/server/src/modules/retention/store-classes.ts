// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from "kysely";
import type { DialectName } from "../../infra/db/dialect";
import type { Database } from "../../infra/db/schema";

/**
 * What each retention class selects and deletes (modules/retention/classes.ts
 * and account-classes.ts name these in their descriptors). The where-clauses
 * here are the deletion concept: what is past its period and not kept.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/**
 * Case ids under an Art. 18 restriction, as a subquery on the given
 * connection. policies/gates/restriction.ts builds it; the caller passes it
 * in because the store imports no policy.
 */
export type RestrictedCaseIds = (db: Db) => SelectQueryBuilder<Database, "cases", { case_id: string }>;

const STAFF_CONVERSATION_KINDS = ["team", "direct", "broadcast"] as const;
const CLOSED_STATES = ["closed", "archived"] as const;

/** Active holds, as a subquery: case ids that must not be deleted. A restriction keeps the case like a hold does. */
function heldCaseIds(db: Db, restricted: RestrictedCaseIds) {
  return db.selectFrom("legal_holds").select("case_id").where("released_at", "is", null).union(restricted(db));
}

/** Closed cases past their period and not on hold, as a query; re-run inside each deletion transaction. */
function expiredCases(db: Db, orgId: string, cutoff: number, restricted: RestrictedCaseIds) {
  return db
    .selectFrom("cases")
    .where("organisation_id", "=", orgId)
    .where("state", "in", [...CLOSED_STATES])
    .where("closed_at", "is not", null)
    .where("closed_at", "<", cutoff)
    .where("id", "not in", heldCaseIds(db, restricted));
}

/** Closed cases past their period that a hold or restriction keeps. */
export async function countHeldExpiredCases(
  db: Db,
  orgId: string,
  cutoff: number,
  restricted: RestrictedCaseIds,
): Promise<number> {
  const held = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("organisation_id", "=", orgId)
    .where("state", "in", [...CLOSED_STATES])
    .where("closed_at", "<", cutoff)
    .where("id", "in", heldCaseIds(db, restricted))
    .executeTakeFirstOrThrow();
  return Number(held.n);
}

/** Expired cases, oldest closure first. */
export async function listExpiredCases(
  db: Db,
  orgId: string,
  cutoff: number,
  restricted: RestrictedCaseIds,
): Promise<{ id: string }[]> {
  return expiredCases(db, orgId, cutoff, restricted).select("id").orderBy("closed_at").execute();
}

/** Expired cases that still have a notes conversation, oldest closure first. */
export async function listExpiredCaseNotes(
  db: Db,
  orgId: string,
  cutoff: number,
  restricted: RestrictedCaseIds,
): Promise<{ id: string; notes_conversation_id: string | null }[]> {
  return expiredCases(db, orgId, cutoff, restricted)
    .select(["id", "notes_conversation_id"])
    .where("notes_conversation_id", "is not", null)
    .orderBy("closed_at")
    .execute();
}

/**
 * The case if it is still expired and not held, locked (FOR UPDATE on
 * PostgreSQL) for the deletion transaction; undefined if it was reopened or
 * put on hold since the candidate list was read.
 */
export async function lockExpiredCase(
  trx: Trx,
  dialect: DialectName,
  props: { orgId: string; cutoff: number; caseId: string; restricted: RestrictedCaseIds },
): Promise<{ id: string; conversation_id: string; notes_conversation_id: string | null } | undefined> {
  const q = expiredCases(trx, props.orgId, props.cutoff, props.restricted)
    .select(["id", "conversation_id", "notes_conversation_id"])
    .where("id", "=", props.caseId);
  return (dialect === "postgres" ? q.forUpdate() : q).executeTakeFirst();
}

/** The case forgets its notes conversation (which is deleted next). */
export async function detachCaseNotes(trx: Trx, caseId: string): Promise<void> {
  await trx.updateTable("cases").set({ notes_conversation_id: null }).where("id", "=", caseId).execute();
}

/** Staff conversations (team, direct, broadcast) go by age, message by message; case content follows its case. */
function staffConversations(db: Db, orgId: string) {
  return db
    .selectFrom("conversations")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("kind", "in", [...STAFF_CONVERSATION_KINDS]);
}

/** Completed attachments in staff conversations uploaded before the cutoff. */
export async function listExpiredStaffAttachments(
  db: Db,
  orgId: string,
  cutoff: number,
): Promise<{ id: string; chunk_count: number; completed_at: number | null }[]> {
  return db
    .selectFrom("attachments")
    .select(["id", "chunk_count", "completed_at"])
    .where("conversation_id", "in", staffConversations(db, orgId))
    .where("completed_at", "is not", null)
    .where("created_at", "<", cutoff)
    .execute();
}

export async function deleteAttachments(trx: Trx, ids: string[]): Promise<void> {
  await trx.deleteFrom("attachments").where("id", "in", ids).execute();
}

function expiredStaffMessages(db: Db, orgId: string, cutoff: number) {
  return db
    .selectFrom("messages")
    .where("conversation_id", "in", staffConversations(db, orgId))
    .where("created_at", "<", cutoff);
}

/** Ids of expired staff messages, at most `limit` (for the dry-run report). */
export async function listExpiredStaffMessageIds(
  db: Db,
  orgId: string,
  cutoff: number,
  limit: number,
): Promise<string[]> {
  const rows = await expiredStaffMessages(db, orgId, cutoff).select("id").limit(limit).execute();
  return rows.map((m) => m.id);
}

export async function countExpiredStaffMessages(db: Db, orgId: string, cutoff: number): Promise<number> {
  const n = await expiredStaffMessages(db, orgId, cutoff)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

/** Deletes the expired staff messages in one statement; returns how many went. */
export async function deleteExpiredStaffMessages(db: Db, orgId: string, cutoff: number): Promise<number> {
  const result = await db
    .deleteFrom("messages")
    .where("conversation_id", "in", staffConversations(db, orgId))
    .where("created_at", "<", cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Staff accounts deactivated before the cutoff that still have a login (not yet tombstones). */
export async function listExpiredStaffAccounts(
  db: Db,
  orgId: string,
  cutoff: number,
): Promise<{ id: string; key_bundle: string }[]> {
  return db
    .selectFrom("accounts")
    .select(["id", "key_bundle"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "staff")
    .where("disabled_at", "is not", null)
    .where("disabled_at", "<", cutoff)
    .where("opaque_record", "!=", "")
    .execute();
}

/** Turns an account row into a tombstone: no login, no name; `keyBundle` keeps only what old signatures need. */
export async function tombstoneAccount(
  trx: Trx,
  id: string,
  props: { username: string; keyBundle: string },
): Promise<void> {
  await trx
    .updateTable("accounts")
    .set({ username: props.username, opaque_record: "", key_bundle: props.keyBundle, display_name: null })
    .where("id", "=", id)
    .execute();
}

/**
 * Anonymous client accounts not logged in since the cutoff and with nothing
 * left that names them: no case, membership, message, conversation or upload.
 */
function inactiveClients(db: Db, cutoff: number) {
  return db
    .selectFrom("accounts")
    .where("kind", "=", "client")
    .where(sql<number>`coalesce(last_login_at, created_at)`, "<", cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("cases")
            .select("cases.id")
            .whereRef("cases.client_id", "=", "accounts.id")
            .union(
              selectFrom("conversation_members")
                .select("conversation_members.conversation_id as id")
                .whereRef("conversation_members.account_id", "=", "accounts.id"),
            )
            .union(selectFrom("messages").select("messages.id").whereRef("messages.sender_id", "=", "accounts.id"))
            .union(
              selectFrom("conversations")
                .select("conversations.id")
                .whereRef("conversations.created_by", "=", "accounts.id"),
            )
            .union(
              selectFrom("attachments")
                .select("attachments.id")
                .whereRef("attachments.uploader_id", "=", "accounts.id"),
            ),
        ),
      ),
    );
}

export async function listInactiveClients(db: Db, cutoff: number): Promise<{ id: string }[]> {
  return inactiveClients(db, cutoff).select("id").execute();
}

/** The client if it is still inactive (re-checked inside the deletion transaction). */
export async function findInactiveClient(trx: Trx, cutoff: number, id: string): Promise<{ id: string } | undefined> {
  return inactiveClients(trx, cutoff).select("id").where("id", "=", id).executeTakeFirst();
}

export async function deleteAccount(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom("accounts").where("id", "=", id).execute();
}

/** Every organisation, in id order: the scopes of a full run. */
export async function listOrganisationIds(db: Db): Promise<string[]> {
  return (await db.selectFrom("organisations").select("id").orderBy("id").execute()).map((o) => o.id);
}
