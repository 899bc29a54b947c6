// SPDX-License-Identifier: AGPL-3.0-or-later
export { registerNotificationRoutes } from "./routes";
export { noticeNewAnswer, noticeNewEnquiry, notificationJobHandlers, EMAIL_NOTICE_JOB } from "./deliver";
export { PUSH_NOTICE_JOB } from "./deliver-push";
export { noticeStaffEvent, teamRecipients, BELL_RETENTION_MS } from "./bell";
export { pruneDeliveries } from "./store";
export { pruneStaffNotifications } from "./store-bell";
export { noticeBreachReminder, noticeDsrReminder } from "./dpo-notices";
export { noticeTrainingDue } from "./training-notices";
export { pruneDeferred } from "./store-quiet";
export { NOTICE_MAX_AGE_MS } from "./rules";
export { zonedInstant } from "./quiet-time";
export {
  noticeAuditChainFailures,
  noticeConfigProblems,
  noticeDocumentApprovals,
  noticeFailedJobs,
  noticeWaitingEnquiries,
} from "./watch";
