// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAccountView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import type { AdminEntry } from "./admin-keys";

/**
 * The organisation's administrators and whether the organisation log
 * certifies their keys (ADR 0026). A pending administrator can do nothing
 * with the organisation's keys until a confirmed one confirms them here —
 * the confirmation signs and wraps in that administrator's browser. While
 * only one person is confirmed, a warning says what that means.
 */
export function AdminsSection(props: {
  admins: AdminEntry[] | null;
  selfId: string;
  onConfirm: (account: StaffAccountView) => void;
}) {
  const { t } = useT();
  if (props.admins === null) return null;
  const confirmed = props.admins.filter((a) => a.confirmed);
  const iAmConfirmed = confirmed.some((a) => a.account.id === props.selfId);
  return (
    <section className="section" aria-labelledby="admins-heading">
      <h2 id="admins-heading">{t("admin.admins.heading")}</h2>
      <p>{t("admin.admins.lead")}</p>
      {confirmed.length <= 1 ? (
        <div className="notice notice--warn" role="note">
          <p>{t("admin.admins.onlyOne")}</p>
        </div>
      ) : null}
      <ul className="admin-list">
        {props.admins.map(({ account, confirmed: ok }) => (
          <li
            key={account.id}
            className="admin-card"
            data-admin={account.username}
            data-state={ok ? "confirmed" : "pending"}
          >
            <h3>{account.username}</h3>
            <p className="admin-state">{ok ? t("admin.admins.confirmedState") : t("admin.admins.pendingState")}</p>
            {!ok && iAmConfirmed ? (
              <button
                type="button"
                className="button button--primary"
                aria-label={t("admin.admins.confirmLabel", { name: account.username })}
                onClick={() => props.onConfirm(account)}
              >
                {t("admin.admins.confirm")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
