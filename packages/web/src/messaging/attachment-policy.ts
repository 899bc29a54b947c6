// SPDX-License-Identifier: AGPL-3.0-or-later
import { encryptedSize, padSize } from "@obhut/crypto";
import { nameMatchesType } from "./attachment-types";
import { LIMITS } from "./limits";

/**
 * The attachment policy of a conversation's organisation
 * (GET /api/conversations/:id/attachment-policy). The server enforces the
 * size cap on the padded ciphertext; the allowed types it cannot enforce —
 * a file's type travels only inside the encrypted envelope — so this client
 * checks them twice: before encrypting a file to send, and when showing a
 * received one (a modified sender could ignore the first check).
 */
export interface AttachmentPolicy {
  /** Largest upload in ciphertext bytes (after padding and encryption). */
  maxBytes: number;
  /** Lower-case media types, `type/*` wildcards, or `*\/*`. */
  allowedTypes: readonly string[];
}

/** The media type without parameters, lower case; unknown types (the browser reports "") are octet streams. */
export function normaliseType(type: string): string {
  const bare = type.split(";")[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(bare) ? bare : "application/octet-stream";
}

/** Whether `type` matches one of the patterns: exactly, by a `major/*` wildcard, or `*\/*`. */
export function typeAllowed(type: string, allowedTypes: readonly string[]): boolean {
  const normal = normaliseType(type);
  const major = normal.slice(0, normal.indexOf("/"));
  return allowedTypes.some((pattern) => pattern === "*/*" || pattern === normal || pattern === `${major}/*`);
}

/**
 * Whether a file (to send, or received) passes the allowed-types rule: its
 * type is allowed and its name ends in an extension of that type
 * (attachment-types.ts), so `x.html` declared as `text/plain` is not let
 * through. Only a policy that allows every type (`*\/*`) skips the name.
 */
export function attachmentAllowed(file: { name: string; type: string }, allowedTypes: readonly string[]): boolean {
  if (!typeAllowed(file.type, allowedTypes)) return false;
  return allowedTypes.includes("*/*") || nameMatchesType(file.name, file.type);
}

/** Bytes the server is told for a file of `size` bytes: padded (Padmé) and encrypted, as sealFile uploads it. */
export function uploadSize(size: number): number {
  return encryptedSize(padSize(size));
}

/** The largest file (plaintext bytes) whose upload stays within `maxBytes`; what the UI names as the limit. */
export function largestFile(maxBytes: number): number {
  const cap = Math.min(maxBytes, LIMITS.attachmentMaxBytes);
  let low = 0;
  let high = cap;
  if (uploadSize(0) > cap) return 0;
  // uploadSize grows with the size: the last size that still fits, by bisection.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (uploadSize(mid) <= cap) low = mid;
    else high = mid - 1;
  }
  return low;
}

export type FileProblem = "too_large" | "type_not_allowed";

/** Why a file may not be sent under the policy, or null. Size first: it is the problem a user can fix least. */
export function fileProblem(
  file: { name: string; size: number; type: string },
  policy: AttachmentPolicy,
): FileProblem | null {
  if (uploadSize(file.size) > Math.min(policy.maxBytes, LIMITS.attachmentMaxBytes)) return "too_large";
  if (!attachmentAllowed(file, policy.allowedTypes)) return "type_not_allowed";
  return null;
}

/** The file picker's `accept` attribute for the policy (a hint only; the check above decides). */
export function acceptAttribute(policy: AttachmentPolicy): string | undefined {
  return policy.allowedTypes.includes("*/*") ? undefined : policy.allowedTypes.join(",");
}

/** Groups for naming allowed types in plain words; a type outside every group is shown as it is. */
export const TYPE_GROUPS = {
  images: ["image/*"],
  pdf: ["application/pdf"],
  text: ["text/plain"],
  // The same list as the protocol's OFFICE_DOCUMENT_TYPES (a test compares them); importing it would
  // bring the protocol's schemas into the client's bundle.
  office: [
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
  ],
  audio: ["audio/*"],
  video: ["video/*"],
  any: ["*/*"],
} as const satisfies Record<string, readonly string[]>;
export type TypeGroup = keyof typeof TYPE_GROUPS;

/** The allowed types as groups (any member of a group names the group) plus the types in no group. */
export function describeTypes(allowedTypes: readonly string[]): { groups: TypeGroup[]; other: string[] } {
  const groups = (Object.keys(TYPE_GROUPS) as TypeGroup[]).filter((g) =>
    (TYPE_GROUPS[g] as readonly string[]).some((t) => allowedTypes.includes(t)),
  );
  const grouped = new Set<string>(Object.values(TYPE_GROUPS).flat());
  return { groups, other: allowedTypes.filter((t) => !grouped.has(t)) };
}
