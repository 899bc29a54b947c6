// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { StaffGate } from "../staff/staff-gate";
import { CaseWorkspace } from "./case-workspace";
import "./counsellor.css";

function caseIdFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get("id");
}

/**
 * /inbox/case?id=… — one case for its team (issue 6, items 6, 7, 9, 10), as
 * its own page on phones and tablets; at 1280 px and wider the inbox shows
 * the same workspace next to its list (issue 16).
 */
export function CasePage() {
  const { t } = useT();
  const [caseId] = useState(caseIdFromUrl);
  return (
    <StaffGate title={t("caseView.titleLoading")}>
      {(staff) => <CaseWorkspace staff={staff} caseId={caseId} embedded={false} />}
    </StaffGate>
  );
}
