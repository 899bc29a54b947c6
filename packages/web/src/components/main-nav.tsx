// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { logOut } from "../auth/log-out";
import { useT } from "../i18n/use-t";
import { Link, useRouter } from "../router/router";

/**
 * The few links a person needs on every page, by who is logged in:
 * a client gets "Meine Beratungen · Neue Anfrage · Konto · Abmelden" (the way
 * back to their conversations from anywhere); staff their inbox; a visitor the
 * finder, the login and the staff entrance. It sits at the top of the page,
 * away from the composer's "Senden" at the bottom.
 */
export function MainNavLinks({ kind }: { kind: "client" | "staff" | null }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [leaving, setLeaving] = useState(false);

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
      {kind === "staff" ? (
        // Logged-in staff work from their inbox (the page explains if they belong to no team).
        <li>
          <Link to="/inbox">{t("layout.nav.inbox")}</Link>
        </li>
      ) : (
        <>
          <li>
            <Link to="/login">{t("layout.nav.login")}</Link>
          </li>
          <li>
            <Link to="/staff">{t("layout.nav.staff")}</Link>
          </li>
        </>
      )}
    </ul>
  );
}
