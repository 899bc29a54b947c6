// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from "react";
import { useLoad } from "../api/use-action";
import { useAttachmentTexts } from "../components/attachment-texts";
import { sealFile } from "../messaging/attachments";
import type { UseConversation } from "../messaging/use-conversation";
import { takeEnquiryFiles } from "./enquiry";

/**
 * Files chosen with the enquiry follow as soon as the conversation is open
 * (see enquiry.ts), if the organisation's attachment rules allow them: the
 * enquiry page could not know those rules yet. Returns why they were not
 * sent, or null.
 */
export function useEnquiryFiles(caseId: string, conversation: UseConversation): string | null {
  const ready = conversation.snapshot.status === "ready";
  const { send } = conversation;
  const { ensurePolicy } = conversation.attachments;
  const texts = useAttachmentTexts();
  const [refusal, setRefusal] = useState<string | null>(null);
  const policy = useLoad(() => (ready ? ensurePolicy() : Promise.resolve(null)), [ready, ensurePolicy]);
  const rules = policy.kind === "ready" ? policy.value : null;
  const unavailable = policy.kind === "failed";

  useEffect(() => {
    if (unavailable) {
      if (takeEnquiryFiles(caseId).length > 0) setRefusal(texts.unavailable());
      return;
    }
    if (!rules) return;
    const files = takeEnquiryFiles(caseId);
    if (files.length === 0) return;
    const refused = texts.refusal(files, rules);
    if (refused) return setRefusal(refused);
    void Promise.all(
      files.map(async (file) =>
        sealFile({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }),
      ),
    )
      .then((sealed) => send("", sealed))
      // A failed upload stays in the outbox with its retry button.
      .catch(() => {});
    // `texts` only formats; it must not run this again.
  }, [rules, unavailable, caseId, send]);

  return refusal;
}
