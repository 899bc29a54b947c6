// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import type { ConversationSnapshot } from "../messaging";

/**
 * What staff see while their browser gives a conversation a new key (ADR 0029): a short polite status while
 * it works and once it is done, a warning while it has to wait for the administrator's new team key, an error
 * if it failed. The live region is always there so screen readers hear each change.
 */
export function RotationStatus({ snapshot }: { snapshot: ConversationSnapshot }) {
  const { t } = useT();
  const { rotation } = snapshot;
  const text =
    rotation === "rotating"
      ? t("epochs.staff.rotating")
      : rotation === "rotated"
        ? t("epochs.staff.rotated")
        : rotation === "waiting"
          ? t("epochs.staff.waiting")
          : rotation === "failed"
            ? t("epochs.staff.failed", { code: snapshot.rotationError ?? "error" })
            : "";
  const kind = rotation === "failed" ? "notice--error" : rotation === "waiting" ? "notice--warn" : "";
  return (
    <p className={text ? `notice ${kind}`.trim() : "visually-hidden"} role="status" data-rotation={rotation}>
      {text}
    </p>
  );
}
