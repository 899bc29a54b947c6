// SPDX-License-Identifier: AGPL-3.0-or-later
import type { useT } from "../i18n/use-t";

type Translate = ReturnType<typeof useT>["t"];

export const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** The protocol's AttachmentTypePattern (checked here to name the bad line; the server checks again). */
const TYPE_PATTERN = /^(\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}))$/;
const MAX_TYPES = 50;

export const megabytes = (bytes: number) => String(Math.round((bytes / MiB) * 10) / 10);
export const gigabytes = (bytes: number) => (Math.round((bytes / GiB) * 100) / 100).toLocaleString();

/** The allowed-types text as a list: one type per line (commas work too), lower case, without repeats. */
export function parseTypes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line !== ""),
    ),
  ];
}

export interface PolicyErrors {
  size?: string;
  types?: string;
}

/**
 * The form's values as the request needs them (size in MB, a decimal comma
 * allowed; the types from the chosen kinds and the other types), with a
 * message per field that is wrong.
 */
export function checkPolicy(t: Translate, size: string, selection: TypeSelection, maxMb: number) {
  const mb = Number(size.replace(",", "."));
  const allowedTypes = typesOf(selection);
  const errors: PolicyErrors = {};
  if (!Number.isFinite(mb) || mb < 1 || mb > maxMb) errors.size = t("attachment.policy.sizeInvalid", { max: maxMb });
  const bad = allowedTypes.find((type) => !TYPE_PATTERN.test(type));
  if (allowedTypes.length === 0) errors.types = t("attachment.policy.typesEmpty");
  else if (bad) errors.types = t("attachment.policy.typesInvalid", { type: bad });
  else if (allowedTypes.length > MAX_TYPES) errors.types = t("attachment.policy.typesTooMany", { max: MAX_TYPES });
  return { mb, allowedTypes, errors };
}

/**
 * The kinds an admin ticks, in plain words, and the media types each stands
 * for. Word, Excel and PowerPoint together are exactly the protocol's
 * OFFICE_DOCUMENT_TYPES (a test compares them), so the default list reads as
 * ticks with nothing left over. Wildcards (`image/*`) cover every subtype.
 */
export const ATTACHMENT_KINDS = {
  pdf: ["application/pdf"],
  images: ["image/*"],
  word: [
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
  ],
  excel: [
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
  ],
  powerpoint: [
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.presentation",
  ],
  text: ["text/plain"],
  csv: ["text/csv"],
  audio: ["audio/*"],
  video: ["video/*"],
  any: ["*/*"],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;
export const KIND_ORDER = Object.keys(ATTACHMENT_KINDS) as AttachmentKind[];

/** What the form holds: the ticked kinds, and the stored types no kind covers completely (kept, never dropped). */
export interface TypeSelection {
  kinds: AttachmentKind[];
  other: string[];
}

/**
 * A stored list as ticks: a kind is ticked when every one of its types is in
 * the list. Everything else — a type of no kind, or part of a kind (only
 * `application/msword`) — stays in `other`, so saving without a change
 * sends the same set of types back.
 */
export function selectionOf(allowedTypes: readonly string[]): TypeSelection {
  const present = new Set(allowedTypes.map((type) => type.trim().toLowerCase()));
  const kinds = KIND_ORDER.filter((kind) => ATTACHMENT_KINDS[kind].every((type) => present.has(type)));
  const covered = new Set<string>(kinds.flatMap((kind) => ATTACHMENT_KINDS[kind]));
  return { kinds, other: [...present].filter((type) => !covered.has(type)) };
}

/** The list the server stores: the ticked kinds' types in the form's order, then the other types, without repeats. */
export function typesOf(selection: TypeSelection): string[] {
  const ticked = KIND_ORDER.filter((kind) => selection.kinds.includes(kind)).flatMap((kind) => ATTACHMENT_KINDS[kind]);
  return [...new Set([...ticked, ...selection.other])];
}

/** Ticks or unticks a kind; its types leave `other` when ticked (they are the kind's now). */
export function toggleKind(selection: TypeSelection, kind: AttachmentKind, on: boolean): TypeSelection {
  const kinds = on ? [...new Set([...selection.kinds, kind])] : selection.kinds.filter((k) => k !== kind);
  const own = new Set<string>(ATTACHMENT_KINDS[kind]);
  return { kinds, other: on ? selection.other.filter((type) => !own.has(type)) : selection.other };
}

/**
 * Adds typed-in types (one per line or comma) as other types; a type that
 * completes a kind ticks it. Returns the first type that is not a valid
 * media type instead, so the form can name it.
 */
export function addOtherTypes(selection: TypeSelection, text: string): TypeSelection | { bad: string } {
  const added = parseTypes(text);
  const bad = added.find((type) => !TYPE_PATTERN.test(type));
  if (bad !== undefined) return { bad };
  return selectionOf([...typesOf(selection), ...added]);
}
