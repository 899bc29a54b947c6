// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint } from "@obhut/crypto";
import { lazy, Suspense, useMemo, useState } from "react";
import { AddressFormSection } from "../account/address-form-section";
import { logOut } from "../auth/flows";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { Link, useRouter } from "../router/router";
import { FingerprintList } from "../components/fingerprint";

// Staff only: which team keys this browser can open (a lazy chunk; clients never load it).
const TeamKeyStatus = lazy(() => import("../admin/team-key-status"));
// Staff only: link the account to the organisation's sign-in (shown when the organisation offers SSO).
const SsoLinkSection = lazy(() => import("../sso/sso-link-section"));
// Staff only: keep the keys on this device (opt-in, non-extractable device key).
const DeviceSection = lazy(() => import("../keys/device-section"));
// Everyone: change the password, make a new recovery code (needs the crypto chunk only when used).
const AccountSecretsSections = lazy(() => import("../account/account-secrets-sections"));
// Staff only: the display name clients see (asked for when an older account has none).
const DisplayNameSection = lazy(() => import("../account/display-name-section"));
// Staff only: the organisation's fingerprint, the digits clients compare (ADR 0030).
const OrgFingerprintSection = lazy(() => import("../account/org-fingerprint-section"));
// Everyone: content-free e-mail notices, opt-in with a confirmation mail (ADR 0034).
const NotifyEmailSection = lazy(() => import("../account/notify-email-section"));
// Everyone on their own device: content-free Web Push notices (ADR 0038).
const NotifyPushSection = lazy(() => import("../account/notify-push-section"));
// Everyone with notices: quiet hours, and one digest when they end (ADR 0041).
const QuietHoursSection = lazy(() => import("../account/quiet-hours-section"));
// Staff: which events reach them on which channel (ADR 0044).
const NotificationRulesSection = lazy(() => import("../account/notification-rules-section"));

/**
 * After login: the account name and the fingerprint of the account's signing
 * key, to be compared with the counsellor out of band. Without keys in
 * memory (after a reload, logout or quick exit) it says so and links to
 * login; only staff who opted in to a device key get them back on a reload.
 */
export function AccountPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  const groups = useMemo(
    () => (session ? fingerprint(session.keys.signing.publicKey, "signing").split(" ") : []),
    [session],
  );

  if (!session) {
    return (
      <Page title={t("account.title")}>
        <p className="notice">{t("account.loggedOut")}</p>
        <p>{t("account.loggedOutWhy")}</p>
        <p>
          <Link to="/login" className="button button--primary">
            {t("account.loginLink")}
          </Link>
        </p>
      </Page>
    );
  }

  const leave = async () => {
    if (leaving) return;
    setLeaving(true);
    await logOut();
    navigate("/");
  };

  return (
    <Page title={t("account.title")}>
      <p>
        {t("account.signedInAs")} <strong className="account-name">{session.account.username}</strong>
      </p>
      <Section title={t("account.fingerprintTitle")}>
        <p>{t("account.fingerprintExplain")}</p>
        <FingerprintList groups={groups} label={t("account.fingerprintLabel")} />
      </Section>
      {session.account.kind === "staff" ? (
        <Suspense fallback={null}>
          <DisplayNameSection />
          <OrgFingerprintSection />
          <TeamKeyStatus />
          <DeviceSection />
          <SsoLinkSection />
          <NotifyEmailSection staff />
          {session.account.role === "counsellor" || session.account.role === "team_lead" ? (
            <NotifyPushSection staff />
          ) : null}
          {session.account.role === "counsellor" ||
          session.account.role === "team_lead" ||
          session.account.role === "dpo" ? (
            <QuietHoursSection />
          ) : null}
          <NotificationRulesSection />
        </Suspense>
      ) : null}
      <Suspense fallback={null}>
        <AccountSecretsSections session={session} />
      </Suspense>
      <p>
        <Link to={session.account.kind === "client" ? "/account/privacy" : "/staff/documents"}>
          {session.account.kind === "client" ? t("myPrivacy.title") : t("documents.title")}
        </Link>
      </p>
      {session.account.kind === "client" ? <AddressFormSection /> : null}
      {session.account.kind === "client" ? (
        <Suspense fallback={null}>
          <NotifyEmailSection staff={false} />
          <NotifyPushSection staff={false} />
          <QuietHoursSection />
        </Suspense>
      ) : null}
      {session.account.kind === "client" ? (
        <Section title={t("myData.accountSectionTitle")}>
          <p>{t("myData.accountSectionText")}</p>
          <p>
            <Link to="/account/data">{t("myData.accountLink")}</Link>
          </p>
        </Section>
      ) : session.account.role === "dpo" || session.account.role === "org_admin" ? (
        <ul aria-label={t("dpo.nav")}>
          <li>
            <Link to="/staff/dsr">{t("dsr.title")}</Link>
          </li>
          <li>
            <Link to="/dpo/audit">{t("dpoAudit.title")}</Link>
          </li>
          <li>
            <Link to="/dpo/record">{t("dpoRecord.title")}</Link>
          </li>
        </ul>
      ) : null}
      <p>{t("account.sharedDevice")}</p>
      {/* Staff log out in the staff shell's navigation, on every page (one button there, not two here). */}
      {session.account.kind === "client" ? (
        <button type="button" className="button button--primary" aria-disabled={leaving} onClick={() => void leave()}>
          {leaving ? t("account.loggingOut") : t("account.logout")}
        </button>
      ) : null}
    </Page>
  );
}
