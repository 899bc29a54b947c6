// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy } from "react";

/**
 * The admin console (issue 4, item 8): its own lazy chunks, so neither
 * clients nor counsellors load it. Spread into ROUTES by routes/routes.tsx.
 */
export const ADMIN_ROUTES = [
  {
    path: "/admin",
    page: lazy(async () => ({ default: (await import("./overview-page")).OverviewPage })),
    titleKey: "admin.overview.title",
    clientFacing: false,
  },
  {
    path: "/admin/users",
    page: lazy(async () => ({ default: (await import("./users-page")).UsersPage })),
    titleKey: "admin.users.title",
    clientFacing: false,
  },
  {
    path: "/admin/teams",
    page: lazy(async () => ({ default: (await import("./teams-page")).TeamsPage })),
    titleKey: "admin.teams.title",
    clientFacing: false,
  },
  {
    path: "/admin/agencies",
    page: lazy(async () => ({ default: (await import("./agencies-page")).AgenciesPage })),
    titleKey: "admin.agencies.title",
    clientFacing: false,
  },
  {
    path: "/admin/policies",
    page: lazy(async () => ({ default: (await import("./policies-page")).PoliciesPage })),
    titleKey: "admin.policies.title",
    clientFacing: false,
  },
  {
    path: "/admin/retention",
    page: lazy(async () => ({ default: (await import("./retention-page")).RetentionPage })),
    titleKey: "retention.title",
    clientFacing: false,
  },
  {
    path: "/admin/processors",
    page: lazy(async () => ({ default: (await import("./processors-page")).ProcessorsPage })),
    titleKey: "processors.title",
    clientFacing: false,
  },
  {
    path: "/admin/archive",
    page: lazy(async () => ({ default: (await import("./archive-page")).ArchivePage })),
    titleKey: "archiveAccess.pageTitle",
    clientFacing: false,
  },
  {
    path: "/admin/import",
    page: lazy(async () => ({ default: (await import("./import-page")).ImportPage })),
    titleKey: "admin.import.title",
    clientFacing: false,
  },
  {
    path: "/admin/sso",
    page: lazy(async () => ({ default: (await import("./sso-page")).SsoPage })),
    titleKey: "sso.admin.title",
    clientFacing: false,
  },
  {
    path: "/admin/notices",
    page: lazy(async () => ({ default: (await import("./dead-letters-page")).DeadLettersPage })),
    titleKey: "deadLetters.title",
    clientFacing: false,
  },
] as const;
