// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganisationAttachmentPolicyView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { gigabytes } from "./attachment-policy";

/** The organisation's attachment storage against its cap; a warning from 80 %, when admins are alerted. */
export function StorageUsage({ storage }: { storage: OrganisationAttachmentPolicyView["storage"] }) {
  const { t } = useT();
  if (storage.capBytes === null)
    return <p className="field__hint">{t("attachment.policy.storageNoCap", { used: gigabytes(storage.usedBytes) })}</p>;
  const percent = Math.floor((storage.usedBytes * 100) / storage.capBytes);
  const text = t("attachment.policy.storage", {
    used: gigabytes(storage.usedBytes),
    cap: gigabytes(storage.capBytes),
    percent,
  });
  if (percent < 80) return <p className="field__hint">{text}</p>;
  return (
    <p className="notice notice--warn" data-testid="storage-warning">
      {text} {t(percent >= 100 ? "attachment.policy.storageFull" : "attachment.policy.storageHigh")}
    </p>
  );
}
