// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { LoginForm, type LoginAction } from "../account/login-form";
import { logIn } from "../auth/flows";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { pathAfterStaffLogin } from "../mfa/mfa-flow";
import { Link, useRouter } from "../router/router";
import { SsoEntry } from "../sso/sso-entry";

/**
 * Staff login: the same OPAQUE login and in-memory key restore as for
 * clients; a session that still owes its second factor continues on /mfa,
 * otherwise the role's home opens (staff/staff-home.ts). After the idle
 * warning ended a session (`?ended=session`) it says so. `onLogin` stays
 * injectable.
 */
export function StaffLoginPage({ onLogin }: { onLogin?: LoginAction }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [ended] = useState(() => new URLSearchParams(window.location.search).get("ended") === "session");
  const defaultLogin: LoginAction = async (input, onStep) => {
    const session = await logIn(input, { onStep });
    // A staff session owes its second factor before anything else works.
    navigate(await pathAfterStaffLogin(session.account));
  };
  return (
    <Page title={t("staff.title")} lead={t("staff.lead")}>
      {ended ? (
        <p className="notice" role="status">
          {t("staffShell.ended")}
        </p>
      ) : null}
      <LoginForm
        idPrefix="staff"
        labels={{
          username: t("staff.username"),
          password: t("staff.password"),
          submit: t("staff.submit"),
          missing: t("staff.missingFields"),
          working: t("staff.submitting"),
        }}
        onLogin={onLogin ?? defaultLogin}
      />
      <p className="aside-link">
        <Link to="/recover">{t("recover.forgotLink")}</Link>
      </p>
      <SsoEntry />
    </Page>
  );
}
