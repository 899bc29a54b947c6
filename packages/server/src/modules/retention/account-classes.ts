// SPDX-License-Identifier: AGPL-3.0-or-later
import { recordAudit } from "../../core/audit";
import type { ObjectClass } from "./descriptor";
import { removeCredentials } from "./delete";
import {
  deleteAccount,
  findInactiveClient,
  listExpiredStaffAccounts,
  listInactiveClients,
  tombstoneAccount,
} from "./store-classes";

/** The account classes of the deletion concept (modules/retention/classes.ts has the others). */

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
  candidates: ({ db, scope, cutoff }) => listExpiredStaffAccounts(db, scope, cutoff),
  reportId: (a) => a.id,
  batch: 1,
  rechecks: false,
  remove: async (trx, [account], env) => {
    const { id, key_bundle } = account!;
    await removeCredentials(trx, id);
    await tombstoneAccount(trx, id, {
      username: `deleted-${id}`.slice(0, 64),
      keyBundle: JSON.stringify(publicKeysOf(key_bundle)),
    });
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
export const inactiveClientAccounts: ObjectClass<{ id: string }> = {
  kind: "objects",
  dataClass: "inactive_client_accounts",
  candidates: ({ db, cutoff }) => listInactiveClients(db, cutoff),
  reportId: (c) => c.id,
  batch: 1,
  rechecks: true,
  remove: async (trx, [c], env) => {
    const still = await findInactiveClient(trx, env.cutoff, c!.id);
    if (!still) return []; // logged in since the list was read
    await removeCredentials(trx, still.id);
    await deleteAccount(trx, still.id);
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
