// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { AccountCard } from "./account-card";
import { AdminsSection } from "./admins-section";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage } from "./admin-status";
import { InviteSection } from "./invite-section";
import { useUsers } from "./use-users";

export function UsersPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.users.title")} lead={t("admin.users.teamLead")}>
      {(admin) => <Users admin={admin} />}
    </AdminPage>
  );
}

function Users({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const users = useUsers(admin);
  const { accounts, teams, teamName } = users;
  // One confirmation at a time across the page: asking on another card moves it there.
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <>
      <StatusMessage status={users.status} />
      <AdminsSection admins={users.admins} selfId={admin.accountId} onConfirm={(a) => void users.confirm(a)} />
      <InviteSection
        teams={teams}
        invitations={users.invitations}
        link={users.link}
        teamName={teamName}
        onInvite={users.invite}
        onRevoke={(inv) => void users.revoke(inv)}
      />

      <section className="section" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t("admin.users.accountsHeading")}</h2>
        {accounts === null ? <p>{t("admin.loading")}</p> : null}
        <ul className="admin-list">
          {(accounts ?? []).map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              self={account.id === admin.accountId}
              teams={teams}
              teamName={teamName}
              confirming={confirming === account.id}
              onJoin={(team) => void users.join(account, team)}
              onLeave={(team) => void users.leave(account, team)}
              onAskDeactivate={() => setConfirming(account.id)}
              onCancel={() => setConfirming(null)}
              onDeactivate={() => void users.deactivate(account, () => setConfirming(null))}
              onEndSessions={() => void users.endSessions(account)}
              onResetFactor={() => void users.resetFactor(account)}
              onChangeRole={(role) => void users.changeRole(account, role)}
              reset={users.resets.get(account.id) ?? null}
              resetLink={users.resetLink?.accountId === account.id ? users.resetLink : null}
              onReset={() => users.issueReset(account)}
              onAdopt={(signingPublicKey) => void users.adoptKeys(account, signingPublicKey)}
            />
          ))}
        </ul>
      </section>
    </>
  );
}
