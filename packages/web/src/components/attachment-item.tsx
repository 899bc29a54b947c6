// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { useT } from "../i18n/use-t";
import {
  type AttachmentPolicy,
  attachmentAllowed,
  describeTypes,
  fileProblem,
  largestFile,
  normaliseType,
} from "../messaging/attachment-policy";
import { downloadName } from "../messaging/attachment-types";
import { downloadAttachment } from "../messaging/attachments";
import type { AttachmentRef } from "../messaging/body";
import type { UseAttachments } from "../messaging/use-conversation";

/**
 * One attachment of a received or sent message, in the client's and the
 * staff's conversation views. A deleted attachment says so; one whose type
 * the organisation does not allow (or whose name does not fit its type) is
 * shown as blocked and never decrypted
 * or offered (the sender's check can be bypassed by a modified app); the
 * rest download, decrypt and check in the browser. The uploader can delete
 * their own attachment after a confirmation.
 */
export function AttachmentItem({
  attachment,
  attachments,
  label,
  canDelete,
  buttonClass = "button",
}: {
  attachment: AttachmentRef;
  attachments: UseAttachments;
  /** Text of the download button (each view names files its own way). */
  label: string;
  canDelete: boolean;
  buttonClass?: string;
}) {
  const { t } = useT();
  const [download, setDownload] = useState<"idle" | "busy" | "failed">("idle");
  const [removal, setRemoval] = useState<{ state: "idle" | "confirm" | "busy" } | { state: "failed"; code: string }>({
    state: "idle",
  });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const { policy } = attachments;

  useEffect(() => {
    if (removal.state === "confirm") confirmRef.current?.focus();
  }, [removal.state]);

  if (attachments.deleted.has(attachment.id)) {
    return <span className="attachment-status">{t("attachment.deleted")}</span>;
  }
  if (policy && !attachmentAllowed(attachment, policy.allowedTypes)) {
    return (
      <span className="attachment-status timeline__problem">
        {t("attachment.blocked", { name: attachment.name, type: normaliseType(attachment.type) })}
      </span>
    );
  }

  const open = async () => {
    if (download === "busy") return;
    setDownload("busy");
    try {
      // Checked again right before decrypting: the policy may have been unavailable when the list was drawn.
      const rules = await attachments.ensurePolicy();
      if (!attachmentAllowed(attachment, rules.allowedTypes)) return setDownload("idle");
      const blob = await downloadAttachment(attachment);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      // Never saved with an extension its type does not have (a "*/*" policy lets any name through).
      link.download = downloadName(attachment.name, attachment.type);
      link.rel = "noopener";
      document.body.append(link);
      link.click();
      link.remove();
      // Give the browser time to start the download before the plaintext URL goes away.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDownload("idle");
    } catch (error) {
      if (error instanceof ApiError && error.code === "attachment_deleted") {
        attachments.markDeleted(attachment.id);
        return;
      }
      setDownload("failed");
    }
  };

  const remove = async () => {
    setRemoval({ state: "busy" });
    try {
      await attachments.remove(attachment.id);
    } catch (error) {
      setRemoval({ state: "failed", code: error instanceof ApiError ? error.code : "network_error" });
    }
  };

  return (
    <>
      <button type="button" className={buttonClass} aria-disabled={download === "busy"} onClick={() => void open()}>
        {label}
      </button>
      {canDelete && removal.state !== "confirm" ? (
        <button
          type="button"
          className="button button--link"
          aria-label={t("attachment.deleteNamed", { name: attachment.name })}
          aria-disabled={removal.state === "busy"}
          onClick={() => removal.state !== "busy" && setRemoval({ state: "confirm" })}
        >
          {removal.state === "busy" ? t("attachment.deleting") : t("attachment.delete")}
        </button>
      ) : null}
      {removal.state === "confirm" ? (
        <span
          className="attachment-confirm"
          role="group"
          aria-label={t("attachment.deleteNamed", { name: attachment.name })}
        >
          <span>{t("attachment.confirmDelete", { name: attachment.name })}</span>{" "}
          <button ref={confirmRef} type="button" className="button" onClick={() => void remove()}>
            {t("attachment.confirm")}
          </button>{" "}
          <button type="button" className="button" onClick={() => setRemoval({ state: "idle" })}>
            {t("attachment.cancel")}
          </button>
        </span>
      ) : null}
      {download === "failed" ? (
        <span className="field__error" role="alert">
          {t("attachment.downloadFailed")}
        </span>
      ) : null}
      {removal.state === "failed" ? (
        <span className="field__error" role="alert">
          {t("attachment.deleteFailed", { code: removal.code })}
        </span>
      ) : null}
    </>
  );
}

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
