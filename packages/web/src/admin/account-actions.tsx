// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAccountView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

export interface AccountActionHandlers {
  onAskDeactivate: () => void;
  onCancel: () => void;
  onDeactivate: () => void;
  onEndSessions: () => void;
  onResetFactor: () => void;
}

/**
 * What an administrator can do to another account: end its sessions, reset
 * its second factor, deactivate it (after a confirmation), or finish an
 * offboarding that stopped half-way.
 */
export function AccountActions(
  props: { account: StaffAccountView; active: boolean; confirming: boolean } & AccountActionHandlers,
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
