// SPDX-License-Identifier: AGPL-3.0-or-later
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { namespacesFor, type AddressForm } from "../i18n";
import { AddressFormContext } from "../i18n/use-t";

/**
 * `useT` for a page that learns its address form only after loading (a
 * topic or case says "du"): the page's own texts follow `form` right away,
 * while the provider it renders passes the form on to child components.
 */
export function useTFor(form: AddressForm | undefined) {
  const contextForm = useContext(AddressFormContext);
  const { i18n } = useTranslation();
  return useTranslation(namespacesFor(i18n.language, form ?? contextForm) as unknown as ["translation"]);
}
