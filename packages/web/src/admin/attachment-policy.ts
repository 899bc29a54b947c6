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
 * allowed; the types parsed), with a message per field that is wrong.
 */
export function checkPolicy(t: Translate, size: string, typesText: string, maxMb: number) {
  const mb = Number(size.replace(",", "."));
  const allowedTypes = parseTypes(typesText);
  const errors: PolicyErrors = {};
  if (!Number.isFinite(mb) || mb < 1 || mb > maxMb) errors.size = t("attachment.policy.sizeInvalid", { max: maxMb });
  const bad = allowedTypes.find((type) => !TYPE_PATTERN.test(type));
  if (allowedTypes.length === 0) errors.types = t("attachment.policy.typesEmpty");
  else if (bad) errors.types = t("attachment.policy.typesInvalid", { type: bad });
  else if (allowedTypes.length > MAX_TYPES) errors.types = t("attachment.policy.typesTooMany", { max: MAX_TYPES });
  return { mb, allowedTypes, errors };
}
