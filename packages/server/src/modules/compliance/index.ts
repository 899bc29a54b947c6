// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the compliance module: other modules, app/ and cli/ import only from here. */
export { loadChannelPreferences, mayNotify, setEmailNoticeChannel, setPushChannel } from "./channel-preferences";
export { listMyConsents } from "./consents";
export { myAcceptances, recordShownDocuments } from "./documents";
export { processorReviewsDue, recordProcessors } from "./processors";
export { registerComplianceRoutes } from "./routes";
export { countDraftsAwaitingApproval } from "./store-drafts";
