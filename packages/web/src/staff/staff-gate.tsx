// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReactNode } from "react";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { type StaffState, useStaff } from "./use-staff";

/** Renders `children` for a logged-in staff member; otherwise says why not (keys are in memory only). */
export function StaffGate({
  title,
  children,
}: {
  title: string;
  children: (staff: Extract<StaffState, { kind: "ready" }>) => ReactNode;
}) {
  const { t } = useT();
  const staff = useStaff();
  if (staff.kind === "ready") return <>{children(staff)}</>;
  return (
    <Page title={title}>
      <p className="notice">{staff.kind === "logged-out" ? t("inbox.needLogin") : t("inbox.notStaff")}</p>
      {staff.kind === "logged-out" ? (
        <p>
          <Link to="/staff" className="button button--primary">
            {t("inbox.loginLink")}
          </Link>
        </p>
      ) : null}
    </Page>
  );
}
