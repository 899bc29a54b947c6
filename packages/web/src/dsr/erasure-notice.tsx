// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ErasureBlocker } from "@obhut/protocol";
import type { useTFor } from "../counselling/use-t-for";

export type Check = {
  allowed: boolean;
  cases: number;
  messages: number;
  attachments: number;
  blockers: ErasureBlocker[];
};
type TFn = ReturnType<typeof useTFor>["t"];

/** What deleting the account removes, how much of it there is, and what blocks it (e.g. a legal hold). */
export function ErasureNotice({ check, t }: { check: Check | null; t: TFn }) {
  return (
    <>
      <div className="notice notice--warn">
        <p>
          <strong>{t("myData.deleteWarningTitle")}</strong>
        </p>
        <ul>
          {(t("myData.deleteWarning", { returnObjects: true }) as string[]).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      {check ? <p>{t("myData.deleteCounts", check)}</p> : null}
      {check && !check.allowed ? (
        <div className="notice notice--error">
          <p>{t("myData.deleteBlocked")}</p>
          <ul>
            {check.blockers.map((b) => (
              <li key={`${b.caseId}-${b.reason}`}>{t(`myData.blocker.${b.reason}`, { caseId: b.caseId })}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
