// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The one home for access decisions: the permission table (`authorize`,
 * `decide`) and the state gates that cut across modules. Modules, app/ and
 * cli/ import policies only from here; policies import no module.
 */
export { authorize, decide, rolesFor, type Decision, type PolicyActor, type Resource } from "./authorize";
export { ACTIONS, PERMISSIONS, type Action, type Permission, type Scope } from "./permissions";
export {
  ORGANISATION_STAFF_ROLES,
  ROLES,
  ROLE_LABELS,
  isOrganisationStaffRole,
  type OrganisationStaffRole,
  type Role,
} from "./roles";
export { GATES, renderGateTable, renderPermissionTable } from "./roles-doc";
export {
  DEFAULT_KEPT_DEVICE_IDLE_MS,
  DEFAULT_POLICY,
  MINUTE,
  ensureOrganisation,
  keptDeviceIdleMsForClient,
  loadKeptDeviceIdleMs,
  loadPolicy,
  policyForRole,
  sessionLimits,
  sessionPolicyForAccount,
} from "./organisation-policy";
export { grantMatters, hasActiveGrant } from "./gates/break-glass-grants";
export { authorizeCase } from "./gates/case-access";
export {
  channelReadOnly,
  channelSubscriptionRefusal,
  isReadOnlyChannelMember,
  type ChannelFacts,
} from "./gates/channels";
export {
  creationRefusal,
  initialRole,
  mayAct,
  mayShareEphemeral,
  formerMemberRefusal,
  memberAdditionRefusal,
  memberRemovalRefusal,
  titleRefusal,
  presenceRule,
  visibleMemberRoles,
  type ConversationAction,
  type Membership,
  type PolicyActor as ConversationActor,
} from "./gates/conversation-membership";
export {
  authorizeAccountReset,
  authorizeKeyWrapUpload,
  authorizeOrgLogAppend,
  authorizeOrgLogRead,
  authorizePublicKeyRead,
  type KeyWrapUploadFacts,
} from "./gates/key-directory";
export { activeRestriction, refuseIfRestricted, restrictedCaseIds, subjectRestricted } from "./gates/restriction";
export { requireCaseConversationAccess } from "./gates/break-glass";
export { activeArchiveAccess, type ArchiveGrant } from "./gates/archive-access";
export { hasConfirmedGuideline, requireGuidelineConfirmed } from "./gates/guideline";
export { sendGate, type Sender } from "./gates/send";
export { epochSendRefusal, owedRotation, type EpochFacts, type EpochLimits } from "./gates/epoch-rotation";
