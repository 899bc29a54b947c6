// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy } from "react";

/** Data-protection pages of the staff area (issue 7), a lazy chunk of their own. Spread into ROUTES. */
export const COMPLIANCE_ROUTES = [
  {
    path: "/staff/documents",
    page: lazy(async () => ({ default: (await import("./documents-page")).DocumentsPage })),
    titleKey: "documents.title",
    clientFacing: false,
  },
] as const;
