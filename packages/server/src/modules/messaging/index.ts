// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the messaging module: other modules, app/ and cli/ import only from here. */
export { chunkBlobId, sweepAttachmentOrphans } from "./attachments";
export { authorizeConversation } from "./conversations";
export { storeNextEpoch, type NextEpoch } from "./conversations-epochs";
export { epochPublished, oweEpochRotation, rotationSettledBy, type OweRotationProps } from "./epoch-rotation";
export { leaveStaffChats } from "./leave-staff-chats";
export {
  announceCommitted,
  conversationTopic,
  onMessagesCommitted,
  readMessagesAfter,
  refuseSendNow,
  sendMessage,
  type StoredMessage,
} from "./messages";
export { commitOneInTransaction, OverloadedError } from "./messages-committer";
export { kyselyOps } from "./store-messages";
export {
  messagingPolicyOf,
  onMessagingPolicyChanged,
  readMessagingPolicy,
  updateMessagingPolicy,
} from "./messaging-policy";
export { CONVERSATIONS_TOPIC } from "./notify-conversations";
export { presentMessage } from "./presenter-messages";
export { announceTyping, recordReceipt, type EphemeralEvent } from "./receipts";
export { registerAttachmentRoutes } from "./routes-attachments";
export { registerChannelRoutes } from "./routes-channels";
export { registerConversationRoutes } from "./routes-conversations";
