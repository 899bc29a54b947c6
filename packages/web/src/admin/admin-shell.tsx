// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMemo, type ReactNode } from "react";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import { useT } from "../i18n/use-t";
import { Link, useRouter } from "../router/router";
import { type AdminContext, adminContext, type ReadyStaff } from "./admin-context";
import "./admin.css";

const NAV = [
  { to: "/admin", key: "overview" },
  { to: "/admin/users", key: "users" },
  { to: "/admin/teams", key: "teams" },
  { to: "/admin/agencies", key: "agencies" },
  { to: "/admin/policies", key: "policies" },
  { to: "/admin/retention", key: "retention" },
  { to: "/admin/processors", key: "processors" },
  { to: "/admin/archive", key: "archive" },
  { to: "/admin/import", key: "import" },
  { to: "/admin/sso", key: "sso" },
  { to: "/admin/notices", key: "notices" },
  { to: "/dpo/statistics", key: "statistics" },
  { to: "/dpo/trainings", key: "trainings" },
] as const;

function AdminNav() {
  const { t } = useT();
  const { path } = useRouter();
  return (
    <nav className="admin-nav" aria-label={t("admin.nav.label")}>
      <ul>
        {NAV.map((item) => (
          <li key={item.to}>
            <Link to={item.to} {...(path === item.to ? { "aria-current": "page" as const } : {})}>
              {t(`admin.nav.${item.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Every console page: only for a logged-in administrator (keys in memory),
 * with the console's own navigation under the page heading.
 */
export function AdminPage({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: string;
  children: (admin: AdminContext) => ReactNode;
}) {
  const { t } = useT();
  return (
    <StaffGate title={title}>
      {(staff) =>
        staff.messaging.account.role !== "org_admin" ? (
          <Page title={title}>
            <p className="notice">{t("admin.notAdmin")}</p>
          </Page>
        ) : (
          <Page title={title} {...(lead ? { lead } : {})}>
            <AdminNav />
            <Inner staff={staff}>{children}</Inner>
          </Page>
        )
      }
    </StaffGate>
  );
}

function Inner({ staff, children }: { staff: ReadyStaff; children: (admin: AdminContext) => ReactNode }) {
  const admin = useMemo(() => adminContext(staff), [staff]);
  return <>{children(admin)}</>;
}
