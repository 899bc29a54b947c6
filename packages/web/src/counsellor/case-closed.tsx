// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ApiClient } from "../api/client";
import { Page } from "../components/page";
import { BreakGlassPrompt } from "../dpo/break-glass-prompt";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";

/** The case page when there is no such case for me. */
export function CaseMissing() {
  const { t } = useT();
  return (
    <Page title={t("caseView.titleLoading")}>
      <p className="notice notice--error">{t("caseView.noCase")}</p>
      <p>
        <Link to="/inbox">{t("caseView.back")}</Link>
      </p>
    </Page>
  );
}

/** The case page when a colleague holds the case and it is closed to me: who, if known, and break glass. */
export function CaseTaken({
  api,
  caseId,
  by,
  onGranted,
}: {
  api: ApiClient;
  caseId: string;
  by: string | null;
  onGranted: () => void;
}) {
  const { t } = useT();
  return (
    <Page title={t("caseView.titleLoading")}>
      <p className="notice notice--error" role="status">
        {by ? t("caseView.taken", { name: by }) : t("caseView.takenUnknown")}
      </p>
      {/* Break glass: a stated reason opens the case for an hour (audited, shown to the team lead). */}
      <BreakGlassPrompt api={api} caseId={caseId} onGranted={onGranted} />
      <p>
        <Link to="/inbox">{t("caseView.back")}</Link>
      </p>
    </Page>
  );
}

/** The case page while the case loads. */
export function CaseLoading() {
  const { t } = useT();
  return (
    <Page title={t("caseView.titleLoading")}>
      <p role="status">{t("common.loading")}</p>
    </Page>
  );
}
