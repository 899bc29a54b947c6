// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy, Suspense, useState } from "react";
import { logOut } from "../auth/log-out";
import { useT } from "../i18n/use-t";
import { Link, useRouter } from "../router/router";

// The staff shell is a chunk of its own: clients and visitors never load it.
const staffShell = () => import("../staff/staff-shell");
const StaffNavLinks = lazy(async () => ({ default: (await staffShell()).StaffNavLinks }));
/** Who is logged in, with the organisation (staff only; for the page header). */
export const StaffIdentity = lazy(async () => ({ default: (await staffShell()).StaffIdentity }));
/** The warning a minute before the session ends (staff only). */
export const IdleWarning = lazy(async () => ({ default: (await staffShell()).IdleWarning }));

/**
 * The few links a person needs on every page, by who is logged in:
 * a client gets "Meine Beratungen · Neue Anfrage · Konto · Abmelden" (the way
 * back to their conversations from anywhere); staff the staff shell
 * (staff/staff-shell.tsx: Posteingang · Verwaltung or Datenschutz by role ·
 * Konto · Abmelden); a visitor the finder, the login and the staff entrance.
 * It sits at the top of the page, away from the composer's "Senden" at the
 * bottom.
 */
export function MainNavLinks({ kind }: { kind: "client" | "staff" | null }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [leaving, setLeaving] = useState(false);

  if (kind === "staff") {
    return (
      <Suspense fallback={null}>
        <StaffNavLinks />
      </Suspense>
    );
  }

  const leave = async () => {
    if (leaving) return;
    setLeaving(true);
    await logOut();
    setLeaving(false);
    navigate("/");
  };

  if (kind === "client") {
    return (
      <ul>
        <li>
          <Link to="/cases">{t("layout.nav.cases")}</Link>
        </li>
        <li>
          <Link to="/">{t("layout.nav.newEnquiry")}</Link>
        </li>
        <li>
          <Link to="/account">{t("layout.nav.account")}</Link>
        </li>
        <li>
          <button type="button" className="link-button" aria-disabled={leaving} onClick={() => void leave()}>
            {t("layout.nav.logout")}
          </button>
        </li>
      </ul>
    );
  }
  return (
    <ul>
      <li>
        <Link to="/">{t("layout.nav.home")}</Link>
      </li>
      <li>
        <Link to="/login">{t("layout.nav.login")}</Link>
      </li>
      <li>
        <Link to="/staff">{t("layout.nav.staff")}</Link>
      </li>
    </ul>
  );
}
