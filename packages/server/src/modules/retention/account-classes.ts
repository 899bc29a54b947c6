// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { recordAudit } from "../../core/audit";
import type { ObjectClass } from "./descriptor";
import { removeCredentials } from "./delete";

/** The account classes of the deletion concept (modules/retention/classes.ts has the others). */

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Deactivated staff accounts past their period become tombstones: the row
 * (id) stays because messages, epochs and the organisation log name it, but
 * the login (OPAQUE record), the private keys and master-key wraps, the
 * second factors, sessions and the username are gone. The public keys stay
 * so that old signatures still verify.
 */
export const staffAccounts: ObjectClass<{ id: string; key_bundle: string }> = {
  kind: "objects",
  dataClass: "staff_accounts",
  candidates: ({ db, scope, cutoff }) =>
    db
      .selectFrom("accounts")
      .select(["id", "key_bundle"])
      .where("organisation_id", "=", scope)
      .where("kind", "=", "staff")
      .where("disabled_at", "is not", null)
      .where("disabled_at", "<", cutoff)
      .where("opaque_record", "!=", "")
      .execute(),
  reportId: (a) => a.id,
  batch: 1,
  rechecks: false,
  remove: async (trx, [account], env) => {
    const { id, key_bundle } = account!;
    await removeCredentials(trx, id);
    await trx
      .updateTable("accounts")
      .set({
        username: `deleted-${id}`.slice(0, 64),
        opaque_record: "",
        key_bundle: JSON.stringify(publicKeysOf(key_bundle)),
        display_name: null,
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, env.now, {
      organisationId: env.scope,
      actorId: null,
      action: "account.deleted",
      target: { type: "account", id },
      data: { reason: "retention", kind: "staff" },
    });
    return [id];
  },
};

function publicKeysOf(keyBundle: string): Record<string, unknown> {
  try {
    const bundle = JSON.parse(keyBundle) as Record<string, unknown>;
    return {
      version: bundle.version,
      signingPublicKey: bundle.signingPublicKey,
      encryptionPublicKey: bundle.encryptionPublicKey,
    };
  } catch {
    return {}; // nothing to keep
  }
}

/**
 * Anonymous client accounts not logged in for the period, and with nothing
 * left that names them (their cases are deleted by the closed-case rule
 * first; a client whose case is still open keeps the account).
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

export const inactiveClientAccounts: ObjectClass<{ id: string }> = {
  kind: "objects",
  dataClass: "inactive_client_accounts",
  candidates: ({ db, cutoff }) => inactiveClients(db, cutoff).select("id").execute(),
  reportId: (c) => c.id,
  batch: 1,
  rechecks: true,
  remove: async (trx, [c], env) => {
    const still = await inactiveClients(trx, env.cutoff).select("id").where("id", "=", c!.id).executeTakeFirst();
    if (!still) return []; // logged in since the list was read
    await removeCredentials(trx, still.id);
    await trx.deleteFrom("accounts").where("id", "=", still.id).execute();
    await recordAudit(trx, env.now, {
      organisationId: null,
      actorId: null,
      action: "account.deleted",
      target: { type: "account", id: still.id },
      data: { reason: "retention", kind: "client" },
    });
    return [still.id];
  },
};
