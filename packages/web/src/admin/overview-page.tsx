// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint } from "@obhut/crypto";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { failedText } from "./admin-status";
import { attentionItems, type AttentionItem } from "./attention";
import { attentionCounts, getOrganisation, listAccounts, listAgencies, listInvitations, listTeams } from "./endpoints";
import { FingerprintList } from "../components/fingerprint";
import { OwedEpochsSection } from "./owed-epochs-section";

/** The organisation at a glance: name, root key fingerprint from the verified log, counts, where to go next. */
export function OverviewPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.overview.title")} lead={t("admin.overview.lead")}>
      {(admin) => <Overview admin={admin} />}
    </AdminPage>
  );
}

interface Facts {
  name: string;
  fingerprint: string[];
  staff: number;
  deactivated: number;
  teams: number;
  agencies: number;
  admins: number;
  certified: number;
  attention: AttentionItem[];
}

function Overview({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad(
    async (signal): Promise<Facts> => {
      const [org, accounts, teams, agencies, state, invitations, server] = await Promise.all([
        api.request(getOrganisation, { params: { orgId }, signal }),
        api.request(listAccounts, { params: { orgId }, signal }),
        api.request(listTeams, { params: { orgId }, signal }),
        api.request(listAgencies, { params: { orgId }, signal }),
        admin.ops.log.load(),
        api.request(listInvitations, { params: { orgId }, signal }),
        // Counts only the server knows (drafts, overdue requests, failed jobs); without them the rest still shows.
        api.request(attentionCounts, { params: { orgId }, signal }).catch(() => null),
      ]);
      return {
        name: org.organisation.name,
        fingerprint: fingerprint(state.rootSigningKey, "signing").split(" "),
        staff: accounts.accounts.filter((a) => a.disabledAt === null).length,
        deactivated: accounts.accounts.filter((a) => a.disabledAt !== null).length,
        teams: teams.teams.length,
        agencies: agencies.agencies.length,
        admins: state.admins.size,
        certified: state.staff.size,
        attention: attentionItems({
          accounts: accounts.accounts,
          invitations: invitations.invitations,
          log: {
            admins: new Set([...state.admins.values()].map((key) => key.accountId)),
            rootRotationOwed: state.rootRotationOwed,
            archiveRotationOwed: state.archiveRotationOwed,
          },
          server,
          now: Date.now(),
        }),
      };
    },
    [api, orgId, admin],
  );

  if (data.kind === "failed")
    return (
      <p className="notice notice--error" role="alert">
        {failedText(t, data.error)}
      </p>
    );
  if (data.kind === "loading") return <p role="status">{t("admin.loading")}</p>;
  const facts = data.value;
  return (
    <>
      <section className="section" aria-labelledby="org-heading">
        <h2 id="org-heading" className="org-name">
          {facts.name}
        </h2>
        <dl className="admin-facts">
          <dt>{t("admin.overview.staff")}</dt>
          <dd>{t("admin.overview.staffCount", { active: facts.staff, deactivated: facts.deactivated })}</dd>
          <dt>{t("admin.overview.teams")}</dt>
          <dd>{facts.teams}</dd>
          <dt>{t("admin.overview.agencies")}</dt>
          <dd>{facts.agencies}</dd>
          <dt>{t("admin.overview.log")}</dt>
          <dd>{t("admin.overview.logCount", { admins: facts.admins, staff: facts.certified })}</dd>
        </dl>
      </section>
      <section className="section" aria-labelledby="attention-heading">
        <h2 id="attention-heading">{t("admin.overview.attentionHeading")}</h2>
        {facts.attention.length === 0 ? (
          <p>{t("admin.overview.attentionNone")}</p>
        ) : (
          <ul className="attention-list">
            {facts.attention.map((item) => (
              <li key={item.kind}>
                {item.to ? (
                  <Link to={item.to}>{t(`admin.overview.attention.${item.kind}`, { count: item.count })}</Link>
                ) : (
                  t(`admin.overview.attention.${item.kind}`, { count: item.count, days: item.days })
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <OwedEpochsSection admin={admin} />
      <section className="section" aria-labelledby="root-heading">
        <h2 id="root-heading">{t("admin.overview.rootHeading")}</h2>
        <p>{t("admin.overview.rootExplain")}</p>
        <FingerprintList groups={facts.fingerprint} label={t("admin.overview.rootLabel")} />
      </section>
      <section className="section" aria-labelledby="next-heading">
        <h2 id="next-heading">{t("admin.overview.nextHeading")}</h2>
        <ul>
          <li>
            <Link to="/admin/users">{t("admin.overview.nextUsers")}</Link>
          </li>
          <li>
            <Link to="/admin/teams">{t("admin.overview.nextTeams")}</Link>
          </li>
          <li>
            <Link to="/admin/agencies">{t("admin.overview.nextAgencies")}</Link>
          </li>
          <li>
            <Link to="/admin/sso">{t("admin.overview.nextSso")}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
