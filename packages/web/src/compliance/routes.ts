// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy } from "react";

/** Data-protection pages (issue 7): staff documents, the client's consents and contact channels. Spread into ROUTES. */
export const COMPLIANCE_ROUTES = [
  {
    path: "/staff/documents",
    page: lazy(async () => ({ default: (await import("./documents-page")).DocumentsPage })),
    titleKey: "documents.title",
    clientFacing: false,
  },
  {
    path: "/account/privacy",
    page: lazy(async () => ({ default: (await import("./my-privacy-page")).MyPrivacyPage })),
    titleKey: "myPrivacy.title",
    clientFacing: true,
  },
] as const;
