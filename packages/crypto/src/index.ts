// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * @obhut/crypto: the only entry point. Runs unchanged in browsers and Node
 * (WebCrypto + pure-JS curves; no node:* and no DOM storage APIs).
 * Formats and key hierarchy: docs/CRYPTO.md. Threat model: docs/THREAT_MODEL.md.
 *
 * Every function that can fail on untrusted input throws CryptoError with a
 * stable `code`; nothing returns partial or unauthenticated plaintext.
 */
export { CryptoError, isCryptoError, type CryptoErrorCode } from "./errors";
export {
  concatBytes,
  constantTimeEqual,
  fromBase64Url,
  fromHex,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
} from "./encoding";
export { ByteReader, ByteWriter } from "./framing";
export { FORMAT_VERSION, SUITE_V1, BlobKind } from "./suite";
export {
  type EncryptionKeyPair,
  type SigningKeyPair,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  randomBytes,
  sha256,
} from "./primitives";
export { padSize } from "./padding";
export { fingerprint, fingerprintMatches, type FingerprintKind } from "./fingerprint";

export {
  DEFAULT_OPAQUE_KEY_STRETCHING,
  type OpaqueIdentifiers,
  type OpaqueKeyStretching,
  createRegistrationResponse,
  createServerSetup,
  finishLogin,
  finishRegistration,
  opaqueReady,
  serverFinishLogin,
  serverPublicKey,
  serverStartLogin,
  startLogin,
  startRegistration,
} from "./opaque";

export {
  ARGON2ID_LIMITS,
  type Argon2idParams,
  DEFAULT_ARGON2ID_PARAMS,
  generateRecoveryCode,
  RECOVERY_CODE_GROUPS,
  recoveryCodeEntropy,
} from "./recovery-code";
export {
  type AccountKeys,
  type KeyBundle,
  createAccountKeys,
  createKeyBundle,
  decryptPrivateKeys,
  encryptPrivateKeys,
  parseKeyBundle,
  restoreAccountKeys,
  rewrapKeyBundleForExportKey,
} from "./account-keys";
export {
  MAX_ORG_PINS,
  MAX_ORG_PINS_BLOB,
  type OrgPin,
  checkOrgPinsBlob,
  decryptOrgPins,
  encryptOrgPins,
  pinnedRootFingerprint,
  withOrgPin,
} from "./org-pins";
export {
  readRecoveryWrapParams,
  unwrapMasterKeyWithExportKey,
  unwrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithExportKey,
  wrapMasterKeyWithRecoveryCode,
} from "./master-key-wrap";

export {
  DEVICE_WRAP_LENGTH,
  type DeviceBinding,
  createDeviceKey,
  unwrapMasterKeyForDevice,
  wrapMasterKeyForDevice,
} from "./device-key";

export { signRecoveryChallenge, verifyRecoveryChallenge } from "./recovery-challenge";

export { KEY_WRAP_LENGTH, type WrapContextField, unwrapKey, wrapContext, wrapKey } from "./hpke";

export {
  type OrgLogEntry,
  type OrgLogEntryType,
  type OrgLogPayload,
  createOrgLogEntry,
  decodeOrgLogEntry,
  encodeOrgLogEntry,
  orgLogEntryHash,
} from "./org-log-entry";
export {
  type CertifiedKey,
  type FormerStaffKey,
  type OrgLogState,
  type StaffKey,
  type TeamState,
  type VerifyOrgLogOptions,
  adminKeyOf,
  currentArchiveGeneration,
  currentRootGeneration,
  currentTeamKeyGeneration,
  isCertifiedStaffKey,
  teamMemberKeys,
  verifyOrgLog,
} from "./org-log";
export { formerStaffKeyAt, formerStaffKeyDuring } from "./former-staff";
export { openArchiveKey, openOrgRootKey, wrapArchiveKey, wrapOrgRootKey } from "./org-keys";

export {
  type MemberKey,
  type MemberWrap,
  type TeamKeyGeneration,
  createTeamKeyGeneration,
  rotateTeamKey,
  teamKeyLogPayload,
  unwrapPreviousTeamKey,
  unwrapTeamKey,
  wrapTeamKeyToMembers,
} from "./team-keys";

export {
  type CreateEpochProps,
  type EpochKeyWraps,
  type EpochRecord,
  type EpochWrapRole,
  createEpoch,
  decodeEpochRecord,
  encodeEpochRecord,
  epochRecordHash,
  membersHash,
  unwrapEpochKey,
  verifyEpochRecord,
  wrapEpochKeyForTeam,
  wrapEpochKeyForParticipant,
} from "./epochs";
export { EpochTracker, type EpochTrackerSnapshot } from "./epoch-tracker";

export {
  MESSAGE_MIN_PADDED_LENGTH,
  type MessageHeader,
  type MessageHeaderInput,
  openMessage,
  readMessageHeader,
  sealMessage,
} from "./envelope";

export {
  CANNED_REPLY_MAX_CONTENT,
  type CannedReplyContent,
  type CannedReplyHeader,
  type SealedCannedReply,
  type TeamPublicKey,
  openCannedReply,
  readCannedReplyHeader,
  sealCannedReply,
} from "./canned-reply";

export {
  CHUNK_SIZE,
  type DecryptStreamOptions,
  type EncryptStreamOptions,
  createDecryptStream,
  createEncryptStream,
  encryptedSize,
  generateFileKey,
  transformBytes,
} from "./attachment-stream";
