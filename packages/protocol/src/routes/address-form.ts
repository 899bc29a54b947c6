// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { defineRoute } from "../route";
import { AddressForm } from "./cases";

/**
 * The client's own form of address (issue #15, item 7). Null: the one the
 * agency chose for the topic of the client's newest counselling (the web
 * app derives it from the case list). A chosen form holds on every page the
 * client sees, on every device.
 */
export const AddressFormPreferenceView = z
  .object({ addressForm: AddressForm.nullable() })
  .strict()
  .meta({ id: "AddressFormPreference" });
export type AddressFormPreferenceView = z.infer<typeof AddressFormPreferenceView>;

export const GetMyAddressForm = defineRoute({
  method: "GET",
  path: "/api/account/address-form",
  summary: "Client: the form of address I chose (null: as the agency chose)",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: AddressFormPreferenceView },
});

export const SetMyAddressForm = defineRoute({
  method: "PUT",
  path: "/api/account/address-form",
  summary: "Client: choose to be addressed with 'du' or 'Sie' (null: as the agency chose)",
  tag: "account",
  auth: "session",
  rate: "api",
  body: AddressFormPreferenceView,
  responses: { 200: AddressFormPreferenceView },
});
