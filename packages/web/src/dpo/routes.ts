// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy } from "react";

/** The DPO's tools (issue 7, items 4 and 7), a lazy chunk of their own; pdf-lib loads only for a PDF. */
export const DPO_ROUTES = [
  {
    path: "/dpo/audit",
    page: lazy(async () => ({ default: (await import("./audit-page")).AuditPage })),
    titleKey: "dpoAudit.title",
    clientFacing: false,
  },
  {
    path: "/dpo/record",
    page: lazy(async () => ({ default: (await import("./record-page")).RecordPage })),
    titleKey: "dpoRecord.title",
    clientFacing: false,
  },
  {
    path: "/dpo/breaches",
    page: lazy(async () => ({ default: (await import("./breaches-page")).BreachesPage })),
    titleKey: "breaches.title",
    clientFacing: false,
  },
  {
    path: "/dpo/trainings",
    page: lazy(async () => ({ default: (await import("./trainings-page")).TrainingsPage })),
    titleKey: "trainings.title",
    clientFacing: false,
  },
  {
    path: "/dpo/statistics",
    page: lazy(async () => ({ default: (await import("../reports/statistics-page")).StatisticsPage })),
    titleKey: "statistics.title",
    clientFacing: false,
  },
] as const;
