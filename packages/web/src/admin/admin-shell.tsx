// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ApiError, type ApiClient } from "../api/client";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import type { StaffState } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import type { StaffKeyring } from "../messaging/team-keys";
import { Link, useRouter } from "../router/router";
import { appendOrgLog, listAccounts, publicKeys, readOrgLog, teamMembers, uploadKeyWraps } from "./endpoints";
import { OrgLogWriter } from "./org-log-writer";
import type { TeamOpsDeps } from "./team-ops";
import "./admin.css";

export interface AdminContext {
  api: ApiClient;
  orgId: string;
  accountId: string;
  ring: StaffKeyring;
  ops: TeamOpsDeps;
}

type Ready = Extract<StaffState, { kind: "ready" }>;

const isCode = (code: string) => (error: unknown) => error instanceof ApiError && error.code === code;

/** One writer and one set of team-operation deps per login (keys live in memory only). */
const contexts = new WeakMap<Ready["messaging"], AdminContext>();

function adminContext(staff: Ready): AdminContext {
  let found = contexts.get(staff.messaging);
  if (found) return found;
  const { api, keys } = staff.messaging;
  const orgId = staff.orgId;
  const log = new OrgLogWriter(
    {
      page: (after) => api.request(readOrgLog, { params: { orgId }, query: after === undefined ? {} : { after } }),
      append: async (entry) => {
        await api.request(appendOrgLog, { params: { orgId }, body: { entry } });
      },
      isConflict: isCode("org_log_conflict"),
    },
    orgId,
    keys.signing,
  );
  const ops: TeamOpsDeps = {
    log,
    teamKey: (teamId, generation) => staff.ring.teamKey(teamId, generation),
    refresh: () => staff.ring.refresh(),
    publicKeys: (accountId) => api.request(publicKeys, { params: { orgId, accountId } }),
    activeAdmins: async () => {
      const { accounts } = await api.request(listAccounts, { params: { orgId } });
      return new Set(accounts.filter((a) => a.role === "org_admin" && a.disabledAt === null).map((a) => a.id));
    },
    serverMembers: async (teamId) => {
      const { members } = await api.request(teamMembers, { params: { orgId, teamId } });
      return new Set(members.map((m) => m.accountId));
    },
    uploadWraps: async (wraps) => {
      await api.request(uploadKeyWraps, { params: { orgId }, body: { wraps } });
    },
    isConflict: isCode("conflict"),
  };
  found = { api, orgId, accountId: staff.accountId, ring: staff.ring, ops };
  contexts.set(staff.messaging, found);
  return found;
}

const NAV = [
  { to: "/admin", key: "overview" },
  { to: "/admin/users", key: "users" },
  { to: "/admin/teams", key: "teams" },
  { to: "/admin/agencies", key: "agencies" },
  { to: "/admin/policies", key: "policies" },
  { to: "/admin/import", key: "import" },
  { to: "/admin/sso", key: "sso" },
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

function Inner({ staff, children }: { staff: Ready; children: (admin: AdminContext) => ReactNode }) {
  const admin = useMemo(() => adminContext(staff), [staff]);
  return <>{children(admin)}</>;
}

export type Status = { kind: "working" | "success" | "error"; text: string } | null;

/**
 * One place per page that says what happened: progress and success in a
 * polite status region, failures in an alert that takes focus.
 */
export function StatusMessage({ status }: { status: Status }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (status?.kind === "error") ref.current?.focus();
  }, [status]);
  return (
    <>
      <p className="admin-status" role="status" aria-live="polite">
        {status && status.kind !== "error" ? status.text : ""}
      </p>
      {status?.kind === "error" ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={ref}>
          <p>{status.text}</p>
        </div>
      ) : null}
    </>
  );
}

export function errorText(t: ReturnType<typeof useT>["t"], error: unknown): string {
  const code =
    error instanceof ApiError ? error.code : error instanceof Error && "code" in error ? String(error.code) : "error";
  return t("admin.failed", { code });
}

/** Runs one action with status messages; returns whether it worked. */
export function useAction(): [
  Status,
  (working: string, done: string, step: () => Promise<unknown>) => Promise<boolean>,
] {
  const { t } = useT();
  const [status, setStatus] = useState<Status>(null);
  const busy = useRef(false);
  const run = async (working: string, done: string, step: () => Promise<unknown>) => {
    if (busy.current) return false;
    busy.current = true;
    setStatus({ kind: "working", text: working });
    try {
      await step();
      setStatus({ kind: "success", text: done });
      return true;
    } catch (error) {
      setStatus({ kind: "error", text: errorText(t, error) });
      return false;
    } finally {
      busy.current = false;
    }
  };
  return [status, run];
}
