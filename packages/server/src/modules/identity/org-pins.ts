// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { storedBundle } from "./account";
import { checkOrgPins } from "./org-pins-check";
import { getAccountKeyBundle, replaceAccountKeyBundleIf } from "./store-accounts";

/**
 * The organisations an account pinned (docs/CRYPTO.md §4b) live in its key
 * bundle, encrypted under its master key: the server stores and hands them
 * back, it can neither read nor change them without the browser noticing.
 */

export async function readOrgPins(ctx: AppContext, actor: Actor): Promise<{ orgPins: string | null }> {
  const row = await getAccountKeyBundle(ctx.db.db, actor.accountId);
  return { orgPins: storedBundle(row).orgPins ?? null };
}

/**
 * Replaces the pins, but only if `previous` is what is stored (compare and
 * swap in one UPDATE, on both dialects): two browsers of one client that pin
 * at the same moment must not lose each other's pin. The loser gets
 * `conflict`, reads again, merges and retries. Not audited: which
 * organisations a client pins is theirs alone, and the server learns nothing
 * from the event that its case list does not already tell.
 */
export async function replaceOrgPins(
  ctx: AppContext,
  props: { actor: Actor; orgPins: string; previous: string | null },
): Promise<void> {
  checkOrgPins(props.orgPins);
  const row = await getAccountKeyBundle(ctx.db.db, props.actor.accountId);
  const stored = storedBundle(row);
  const changed = () => new AppError("conflict", "The pinned organisations changed meanwhile; read them and try again");
  if ((stored.orgPins ?? null) !== props.previous) throw changed();
  const next = JSON.stringify({ ...stored, orgPins: props.orgPins });
  if (!(await replaceAccountKeyBundleIf(ctx.db.db, row.id, { expected: row.key_bundle, next }))) throw changed();
}
