// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AddressFormPreferenceView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { ForbiddenError } from "../../core/errors";
import { findAddressForm, setAddressForm, type StoredAddressForm } from "./store-address-form";

/**
 * The client's own form of address (issue #15, item 7). Staff pages always
 * say "Sie", so only clients choose. A setting of the client's own, like the
 * language: not audited (no one else's data, no organisation decision).
 */
function clientOnly(actor: Actor): void {
  if (actor.kind !== "client") throw new ForbiddenError("Only clients choose their form of address");
}

export async function readAddressForm(ctx: AppContext, actor: Actor): Promise<AddressFormPreferenceView> {
  clientOnly(actor);
  return { addressForm: await findAddressForm(ctx.db.db, actor.accountId) };
}

export async function chooseAddressForm(
  ctx: AppContext,
  actor: Actor,
  form: StoredAddressForm,
): Promise<AddressFormPreferenceView> {
  clientOnly(actor);
  await setAddressForm(ctx.db.db, actor.accountId, form);
  return { addressForm: form };
}
