// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy } from "react";

/** Data-subject rights (issue 7.5): the client's own data, and the DPO's requests. Spread into ROUTES. */
export const DSR_ROUTES = [
  {
    path: "/account/data",
    page: lazy(async () => ({ default: (await import("./my-data-page")).MyDataPage })),
    titleKey: "myData.title",
    clientFacing: true,
  },
  {
    path: "/staff/dsr",
    page: lazy(async () => ({ default: (await import("./dsr-page")).DsrPage })),
    titleKey: "dsr.title",
    clientFacing: false,
  },
] as const;
