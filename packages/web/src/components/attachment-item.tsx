// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { attachmentAllowed, normaliseType } from "../messaging/attachment-policy";
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
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const { policy } = attachments;

  const opening = useAction(async () => {
    try {
      // Checked again right before decrypting: the policy may have been unavailable when the list was drawn.
      const rules = await attachments.ensurePolicy();
      if (!attachmentAllowed(attachment, rules.allowedTypes)) return;
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
    } catch (error) {
      // Deleted meanwhile: shown as deleted, not as a failure.
      if (error instanceof ApiError && error.code === "attachment_deleted") attachments.markDeleted(attachment.id);
      else throw error;
    }
  });
  const removing = useAction(() => attachments.remove(attachment.id));

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

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

  return (
    <>
      <button type="button" className={buttonClass} aria-disabled={opening.pending} onClick={() => void opening.run()}>
        {label}
      </button>
      {canDelete && !confirming ? (
        <button
          type="button"
          className="button button--link"
          aria-label={t("attachment.deleteNamed", { name: attachment.name })}
          aria-disabled={removing.pending}
          onClick={() => !removing.pending && setConfirming(true)}
        >
          {removing.pending ? t("attachment.deleting") : t("attachment.delete")}
        </button>
      ) : null}
      {confirming ? (
        <span
          className="attachment-confirm"
          role="group"
          aria-label={t("attachment.deleteNamed", { name: attachment.name })}
        >
          <span>{t("attachment.confirmDelete", { name: attachment.name })}</span>{" "}
          <button
            ref={confirmRef}
            type="button"
            className="button"
            onClick={() => {
              setConfirming(false);
              void removing.run();
            }}
          >
            {t("attachment.confirm")}
          </button>{" "}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t("attachment.cancel")}
          </button>
        </span>
      ) : null}
      {opening.error ? (
        <span className="field__error" role="alert">
          {t("attachment.downloadFailed")}
        </span>
      ) : null}
      {removing.error ? (
        <span className="field__error" role="alert">
          {t("attachment.deleteFailed", { code: removing.error })}
        </span>
      ) : null}
    </>
  );
}
