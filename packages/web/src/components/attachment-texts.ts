// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import { type AttachmentPolicy, describeTypes, fileProblem, largestFile } from "../messaging/attachment-policy";

/** Bytes as B, KB or MB in the reader's language. */
export function formatSize(bytes: number, language: string): string {
  const units = ["B", "KB", "MB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(language, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** The attachment rules in words, for a composer: its hint, and why a picked file cannot be sent. */
export function useAttachmentTexts() {
  const { t, i18n } = useT();
  const max = (policy: AttachmentPolicy) => formatSize(largestFile(policy.maxBytes), i18n.language);
  const types = (policy: AttachmentPolicy) => {
    const { groups, other } = describeTypes(policy.allowedTypes);
    return [...groups.map((g) => t(`attachment.types.${g}`)), ...other].join(", ");
  };
  return {
    hint: (policy: AttachmentPolicy) => t("attachment.hint", { max: max(policy), types: types(policy) }),
    /** The first file that may not be sent, explained; null when all may. */
    refusal: (files: readonly { name: string; size: number; type: string }[], policy: AttachmentPolicy) => {
      for (const file of files) {
        const problem = fileProblem(file, policy);
        if (problem === "too_large") return t("attachment.tooLarge", { name: file.name, max: max(policy) });
        if (problem === "type_not_allowed")
          return t("attachment.typeNotAllowed", { name: file.name, types: types(policy) });
      }
      return null;
    },
    unavailable: () => t("attachment.policyUnavailable"),
  };
}
