// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy } from "react";

/**
 * The staff area's pages, each its own lazy chunk so the client pages do
 * not carry the inbox, the case view or pdf-lib (which the export loads
 * only when used). Spread into ROUTES by routes/routes.tsx.
 */
export const STAFF_ROUTES = [
  {
    path: "/inbox",
    page: lazy(async () => ({ default: (await import("./inbox-page")).InboxPage })),
    titleKey: "inbox.title",
    clientFacing: false,
  },
  {
    path: "/inbox/case",
    page: lazy(async () => ({ default: (await import("./case-page")).CasePage })),
    titleKey: "caseView.titleLoading",
    clientFacing: false,
  },
  {
    path: "/inbox/absence",
    page: lazy(async () => ({ default: (await import("./absence-page")).AbsencePage })),
    titleKey: "absence.title",
    clientFacing: false,
  },
  {
    path: "/inbox/canned-replies",
    page: lazy(async () => ({ default: (await import("./canned-replies-page")).CannedRepliesPage })),
    titleKey: "cannedReplies.title",
    clientFacing: false,
  },
  {
    path: "/chats",
    page: lazy(async () => ({ default: (await import("../chats/chats-page")).ChatsPage })),
    titleKey: "chats.title",
    clientFacing: false,
  },
  {
    path: "/notifications",
    page: lazy(async () => ({ default: (await import("../staff/notifications-page")).NotificationsPage })),
    titleKey: "bell.title",
    clientFacing: false,
  },
  {
    path: "/trainings",
    page: lazy(async () => ({ default: (await import("../staff/trainings-page")).MyTrainingsPage })),
    titleKey: "myTrainings.title",
    clientFacing: false,
  },
  {
    path: "/appointments",
    page: lazy(async () => ({ default: (await import("../appointments/availability-page")).AppointmentsPage })),
    titleKey: "appointments.title",
    clientFacing: false,
  },
  {
    path: "/channels",
    page: lazy(async () => ({ default: (await import("../channels/channels-page")).ChannelsPage })),
    titleKey: "channels.title",
    clientFacing: false,
  },
] as const;
