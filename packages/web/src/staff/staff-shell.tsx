// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { getOrganisation } from "../admin/endpoints";
import { api } from "../api/client";
import { getDisplayName } from "../api/endpoints";
import { useLoad } from "../api/use-action";
import { logOut } from "../auth/log-out";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { Link, useRouter } from "../router/router";
import { hasBell, useBell } from "./use-bell";
import { useOnStaffPage } from "./way-in";
import "./staff-shell.css";

export { IdleWarning } from "./idle-warning";

/**
 * The staff shell (issue #16), a lazy chunk that clients never load: the
 * staff navigation, who is logged in with the organisation, and the idle
 * warning (idle-warning.tsx). "Beratung finden" is the clients' entrance
 * and not part of it.
 */

interface Entry {
  to: string;
  label: string;
  /** Paths below which the entry counts as where one is. */
  section: readonly string[];
}

function within(path: string, section: readonly string[]): boolean {
  return section.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Posteingang · Team-Chats · Kanäle · (Benachrichtigungen) · (Termine) · Schulungen · (Verwaltung) · (Datenschutz) · Konto · Abmelden — what each staff page offers. */
export function StaffNavLinks() {
  const { t } = useT();
  const { path, navigate } = useRouter();
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  if (!session) return null;
  const { role } = session.account;

  const entries: Entry[] = [
    { to: "/inbox", label: t("layout.nav.inbox"), section: ["/inbox"] },
    { to: "/chats", label: t("chats.nav"), section: ["/chats"] },
    { to: "/channels", label: t("channels.nav"), section: ["/channels"] },
    ...(hasBell(role) ? [{ to: "/notifications", label: t("bell.nav"), section: ["/notifications"] }] : []),
    ...(role === "counsellor"
      ? [{ to: "/appointments", label: t("appointments.navLink"), section: ["/appointments"] }]
      : []),
    { to: "/trainings", label: t("myTrainings.navLink"), section: ["/trainings"] },
    ...(role === "org_admin" ? [{ to: "/admin", label: t("staffShell.admin"), section: ["/admin"] }] : []),
    ...(role === "dpo" ? [{ to: "/dpo/audit", label: t("staffShell.dpo"), section: ["/dpo", "/staff/dsr"] }] : []),
    { to: "/account", label: t("layout.nav.account"), section: ["/account"] },
  ];

  // One click: the keys are wiped at once, then the server ends the session; the staff login follows.
  const leave = async () => {
    if (leaving) return;
    setLeaving(true);
    await logOut();
    navigate("/staff");
  };

  return (
    <ul>
      {entries.map((entry) => (
        <li key={entry.to}>
          <Link
            to={entry.to}
            // The exact page is "page" (set by Link); a page below the entry marks it as the current section.
            {...(path !== entry.to && within(path, entry.section) ? { "aria-current": "true" as const } : {})}
          >
            {entry.label}
            {entry.to === "/notifications" ? <UnreadCount /> : null}
          </Link>
        </li>
      ))}
      <li>
        <button type="button" className="link-button" aria-disabled={leaving} onClick={() => void leave()}>
          {t("layout.nav.logout")}
        </button>
      </li>
    </ul>
  );
}

/** The bell's unread count beside "Benachrichtigungen": a number to see, words for screen readers. */
function UnreadCount() {
  const { t } = useT();
  const bell = useBell();
  const unread = bell.kind === "ready" ? (bell.value?.unread ?? 0) : 0;
  if (unread === 0) return null;
  return (
    <>
      {" "}
      <span className="bell-count" aria-hidden="true">
        {unread}
      </span>
      <span className="visually-hidden">({t("bell.unread", { count: unread })})</span>
    </>
  );
}

/** "Angemeldet als Frau Berger · Demo-Beratung e.V." in the page header. */
export function StaffIdentity() {
  const session = useSession();
  const onStaffPage = useOnStaffPage();
  const orgId = session?.account.organisationId;
  if (!session || session.account.kind !== "staff" || !orgId || !onStaffPage) return null;
  return <Identity key={session.account.id} orgId={orgId} username={session.account.username} />;
}

function Identity({ orgId, username }: { orgId: string; username: string }) {
  const { t } = useT();
  const name = useLoad((signal) => api.request(getDisplayName, { signal }), []);
  const org = useLoad((signal) => api.request(getOrganisation, { params: { orgId }, signal }), [orgId]);
  // Nothing until the name is known (no flash of the login name).
  if (name.kind === "loading") return null;
  // The display name clients see; the login name for older accounts without one, or when it cannot be read.
  const shown = (name.kind === "ready" ? name.value.displayName : null) ?? username;
  return (
    <p className="staff-identity">
      {t("staffShell.signedInAs")} <strong>{shown}</strong>
      {org.kind === "ready" ? (
        <>
          {" · "}
          <span className="staff-identity__organisation">{org.value.organisation.name}</span>
        </>
      ) : null}
    </p>
  );
}
