// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReactNode } from "react";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import type { StaffState } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import "./dpo.css";

export type Ready = Extract<StaffState, { kind: "ready" }>;

/** The DPO pages: staff gate, role check (the server decides too), and links between the tools. */
export function DpoPage({ title, children }: { title: string; children: (staff: Ready) => ReactNode }) {
  const { t } = useT();
  return (
    <StaffGate title={title}>
      {(staff) => {
        const role = staff.messaging.account.role;
        if (role !== "dpo" && role !== "org_admin")
          return (
            <Page title={title}>
              <p className="notice">{t("dpo.notAllowed")}</p>
            </Page>
          );
        return (
          <>
            <nav className="dpo-nav" aria-label={t("dpo.nav")}>
              <ul>
                <li>
                  <Link to="/dpo/audit">{t("dpo.toAudit")}</Link>
                </li>
                <li>
                  <Link to="/dpo/record">{t("dpo.toRecord")}</Link>
                </li>
                <li>
                  <Link to="/dpo/breaches">{t("breaches.navLink")}</Link>
                </li>
                <li>
                  <Link to="/dpo/statistics">{t("statistics.navLink")}</Link>
                </li>
                <li>
                  <Link to="/dpo/trainings">{t("trainings.navLink")}</Link>
                </li>
              </ul>
            </nav>
            {children(staff)}
          </>
        );
      }}
    </StaffGate>
  );
}

/** Offers bytes as a file download (nothing leaves the browser except to the user's disk). */
export function download(bytes: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
