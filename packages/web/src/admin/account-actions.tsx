// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAccountView, StaffRole } from "@obhut/protocol";
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { AccountResetPanel, type ResetProps } from "./account-reset-panel";
import { STAFF_ROLES } from "./staff-roles";

export interface AccountActionHandlers {
  onAskDeactivate: () => void;
  onCancel: () => void;
  onDeactivate: () => void;
  onEndSessions: () => void;
  onResetFactor: () => void;
  onChangeRole: (role: StaffRole) => void;
}

/**
 * What an administrator can do to another account: change its role, end its
 * sessions, reset its second factor, deactivate it (after a confirmation),
 * reset the access of someone who lost password and recovery code
 * (account-reset-panel.tsx), or finish an offboarding that stopped half-way.
 */
export function AccountActions(
  props: { account: StaffAccountView; active: boolean; confirming: boolean } & AccountActionHandlers & ResetProps,
) {
  const { t } = useT();
  if (!props.active)
    return (
      <div className="actions">
        <button type="button" className="button" onClick={props.onDeactivate}>
          {t("admin.users.finishOffboarding")}
        </button>
      </div>
    );
  return (
    <>
      <ChangeRole account={props.account} onChangeRole={props.onChangeRole} />
      <Actions {...props} />
      <AccountResetPanel
        account={props.account}
        reset={props.reset}
        resetLink={props.resetLink}
        onReset={props.onReset}
        onAdopt={props.onAdopt}
      />
    </>
  );
}

/** Opened on request, so the card keeps one choice (the team) until someone means to change the role. */
function ChangeRole({ account, onChangeRole }: { account: StaffAccountView; onChangeRole: (role: StaffRole) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState(account.role);
  const selectId = `role-${account.id}`;
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t("admin.users.changeRole")}
        </button>
      </div>
    );
  return (
    <div className="admin-row">
      <div className="field">
        <label htmlFor={selectId}>{t("admin.users.newRole", { name: account.username })}</label>
        <select id={selectId} value={role} onChange={(e) => setRole(e.target.value)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`admin.roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={role === account.role}
          onClick={() => {
            setOpen(false);
            onChangeRole(role as StaffRole);
          }}
        >
          {t("admin.users.saveRole")}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t("admin.users.cancel")}
        </button>
      </div>
    </div>
  );
}

function Actions(props: { account: StaffAccountView; confirming: boolean } & AccountActionHandlers) {
  const { t } = useT();
  return (
    <div className="actions">
      <button type="button" className="button" onClick={props.onEndSessions}>
        {t("admin.users.endSessions")}
      </button>
      <button type="button" className="button" onClick={props.onResetFactor}>
        {t("admin.users.resetFactor")}
      </button>
      {props.confirming ? (
        <div className="notice notice--warn">
          <p>{t("admin.users.deactivateConfirm", { name: props.account.username })}</p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={props.onDeactivate}>
              {t("admin.users.deactivateYes")}
            </button>
            <button type="button" className="button" onClick={props.onCancel}>
              {t("admin.users.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={props.onAskDeactivate}>
          {t("admin.users.deactivate")}
        </button>
      )}
    </div>
  );
}
