// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/use-t";
import { attachmentAllowed } from "../messaging/attachment-policy";
import { downloadAttachment } from "../messaging/attachments";
import type { AttachmentRef } from "../messaging/body";
import type { UseAttachments } from "../messaging/use-conversation";

/** Pictures every browser shows safely as an image (never SVG: it can carry script). */
const PREVIEWABLE = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

/** Larger pictures are not fetched on sight (a phone's data plan); their file button still opens them. */
export const PREVIEW_MAX_BYTES = 5 * 1024 * 1024;

export function isPreviewable(ref: Pick<AttachmentRef, "type" | "size">): boolean {
  return PREVIEWABLE.has(ref.type.toLowerCase()) && ref.size <= PREVIEW_MAX_BYTES;
}

/**
 * A picture attachment as a small preview that opens large on a tap, as in
 * a messenger. Decrypted in the browser like every attachment (same hash
 * check), shown from an object URL of the decrypted bytes that is revoked
 * when the message leaves the screen; nothing is fetched from elsewhere.
 * Only once the organisation's attachment rules allow the type; otherwise
 * (or while deleted) nothing is shown here and AttachmentItem says why.
 */
export function ImagePreview({ attachment, attachments }: { attachment: AttachmentRef; attachments: UseAttachments }) {
  const { t } = useT();
  const [url, setUrl] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { policy, deleted } = attachments;
  const allowed = policy !== null && attachmentAllowed(attachment, policy.allowedTypes) && !deleted.has(attachment.id);

  useEffect(() => {
    if (!allowed) return;
    let made: string | null = null;
    let gone = false;
    downloadAttachment(attachment)
      .then((blob) => {
        if (gone) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      // No preview then; the download button beside it still offers the file and reports a failure.
      .catch(() => {});
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [allowed, attachment]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  if (!allowed || !url) return null;
  return (
    <>
      <button
        type="button"
        className="image-preview"
        aria-label={t("attachment.openImage", { name: attachment.name })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <img src={url} alt="" />
      </button>
      <dialog
        ref={dialogRef}
        className="image-dialog"
        aria-label={attachment.name}
        // Escape closes a modal dialog natively; keep the state in step.
        onClose={() => setOpen(false)}
      >
        {open ? (
          <>
            <button type="button" className="button image-dialog__close" onClick={() => setOpen(false)}>
              {t("attachment.closeImage")}
            </button>
            <img src={url} alt={attachment.name} className="image-dialog__image" />
          </>
        ) : null}
      </dialog>
    </>
  );
}
