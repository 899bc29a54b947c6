// SPDX-License-Identifier: AGPL-3.0-or-later
import { Suspense, useEffect, type MouseEvent, type ReactNode } from "react";
import { EmergencyFooter } from "./emergency-numbers";
import { IdleWarning, MainNavLinks, StaffIdentity } from "./main-nav";
import { STAFF_LANGUAGES, staffLanguage, type Language } from "../i18n";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { Link, useRouter } from "../router/router";
import { staffHome } from "../staff/staff-home";
import { LanguageSwitcher } from "./language-switcher";
import { PAGE_HEADING_ID } from "./page";
import { QuickExitButton } from "./quick-exit-button";

const MAIN_ID = "main";

export function Layout({
  title,
  clientFacing,
  quickExitUrl,
  children,
}: {
  title: string;
  clientFacing: boolean;
  quickExitUrl: string;
  children: ReactNode;
}) {
  const { t, i18n } = useT();
  const { navigations, path } = useRouter();
  const session = useSession();
  const staff = session?.account.kind === "staff";

  useEffect(() => {
    document.title = `${title} – ${t("app.titleSuffix")}`;
  }, [title, t]);

  // Staff pages stay German and English (ADR 0046): a client-only language
  // chosen on a client page gives way to its German or English fallback here.
  useEffect(() => {
    if (!clientFacing && !STAFF_LANGUAGES.includes(i18n.language as Language)) {
      void i18n.changeLanguage(staffLanguage(i18n.language));
    }
  }, [clientFacing, i18n, i18n.language]);

  // After a client-side navigation, focus the new page's heading. Not on the
  // first load: there focus must stay at the top so Tab reaches the skip link.
  useEffect(() => {
    if (navigations > 0) document.getElementById(PAGE_HEADING_ID)?.focus();
  }, [navigations, path]);

  // Handled in script so the URL does not gain a "#main" fragment (the setup
  // page keeps its token in the fragment until it has read it).
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };

  return (
    <div className={clientFacing ? "shell shell--client" : "shell"}>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t("layout.skipLink")}
      </a>
      <header className="site-header">
        {/* Staff: the brand leads to their role's home, not to the clients' finder. */}
        <Link to={session && staff ? staffHome(session.account) : "/"} className="brand">
          {t("app.name")}
        </Link>
        {staff ? (
          <Suspense fallback={null}>
            <StaffIdentity />
          </Suspense>
        ) : null}
        {clientFacing ? <QuickExitButton target={quickExitUrl} /> : null}
      </header>
      <nav className="main-nav" aria-label={t("layout.mainNav")}>
        <MainNavLinks kind={session?.account.kind ?? null} />
        <LanguageSwitcher clientFacing={clientFacing} />
      </nav>
      <main id={MAIN_ID} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        {/* The start page shows the numbers in full; every other client page at its foot. */}
        {clientFacing && path !== "/" ? <EmergencyFooter /> : null}
        <nav aria-label={t("layout.footerNav")}>
          <ul>
            <li>
              <Link to="/privacy">{t("layout.nav.privacy")}</Link>
            </li>
            <li>
              <Link to="/accessibility">{t("layout.nav.accessibility")}</Link>
            </li>
          </ul>
        </nav>
        <p>{t("layout.footerNote")}</p>
      </footer>
      {staff ? (
        <Suspense fallback={null}>
          <IdleWarning />
        </Suspense>
      ) : null}
    </div>
  );
}
