// SPDX-License-Identifier: AGPL-3.0-or-later
export { registerNotificationRoutes } from "./routes";
export { noticeNewAnswer, noticeNewEnquiry, notificationJobHandlers, EMAIL_NOTICE_JOB } from "./deliver";
export { pruneDeliveries } from "./store";
