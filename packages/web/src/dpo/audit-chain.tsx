// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AuditStatusView } from "@obhut/protocol";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";

/** Whether the audit chain verifies, and the last anchor; "loading" until (or unless) the server says. */
export function AuditChain({ chain }: { chain: AuditStatusView | null }) {
  const { t, i18n } = useT();
  return (
    <section className="section" aria-labelledby="chain-heading">
      <h2 id="chain-heading">{t("dpoAudit.chainHeading")}</h2>
      {chain ? (
        <div className={`notice ${chain.ok ? "notice--success" : "notice--error"}`} data-testid="chain-status">
          <p>
            {chain.ok
              ? t("dpoAudit.chainOk", {
                  entries: chain.entries,
                  at: formatDateTime(i18n.language, chain.verifiedAt),
                })
              : t("dpoAudit.chainBroken", { count: chain.problems.length })}
          </p>
          <p>
            {chain.lastAnchorAt === null
              ? t("dpoAudit.anchorNever")
              : t("dpoAudit.anchorLine", {
                  seq: chain.anchoredSeq,
                  at: formatDateTime(i18n.language, chain.lastAnchorAt),
                })}
          </p>
        </div>
      ) : (
        <p role="status">{t("common.loading")}</p>
      )}
    </section>
  );
}
