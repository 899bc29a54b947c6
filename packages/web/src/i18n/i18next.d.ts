// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Catalogue } from "./de";

// Typed keys: `t("setup.title")` is checked against the German catalogue.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Catalogue; informal: Catalogue };
    returnNull: false;
  }
}
