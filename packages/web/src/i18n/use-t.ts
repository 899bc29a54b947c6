// SPDX-License-Identifier: AGPL-3.0-or-later
import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";
import { namespacesFor, type AddressForm } from "./index";

/** Formal ("Sie") unless the deployment or a topic asks for "du". */
export const AddressFormContext = createContext<AddressForm>("formal");

/**
 * `useTranslation` with the address-form namespaces in lookup order. The
 * cast keeps typed keys: both namespaces share the German key structure.
 */
export function useT() {
  const form = useContext(AddressFormContext);
  const { i18n } = useTranslation();
  return useTranslation(namespacesFor(i18n.language, form) as unknown as ["translation"]);
}
