// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RolePolicyView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, useStatusAction } from "./admin-status";
import { AttachmentPolicySection } from "./attachment-policy-section";
import { ClientDetailsSection } from "./client-details-section";
import { getPolicy, updatePolicy } from "./endpoints";
import { MessagingPolicySection } from "./messaging-policy-section";
import { QuickExitSection } from "./quick-exit-section";
import { SenderNameSection } from "./sender-name-section";
import { useSeed } from "./use-seed";

/** Session timeouts and the second-factor rule per staff role. */
export function PoliciesPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.policies.title")} lead={t("admin.policies.lead")}>
      {(admin) => <Policies admin={admin} />}
    </AdminPage>
  );
}

function Policies({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(getPolicy, { params: { orgId }, signal }), [api, orgId]);
  const policy = data.kind === "ready" ? data.value : null;
  const [roles, setRoles] = useState<RolePolicyView[]>([]);
  const [keptMinutes, setKeptMinutes] = useState(720);
  const { status, run } = useStatusAction();

  // The form starts from what the server holds, on load and after a save.
  useSeed(policy ?? undefined, (p) => {
    setRoles(p.roles);
    setKeptMinutes(p.client.keptDeviceIdleMinutes);
  });

  const change = (role: string, patch: Partial<RolePolicyView>) =>
    setRoles((rs) => rs.map((r) => (r.role === role ? { ...r, ...patch } : r)));

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(t("admin.working"), t("admin.policies.saved"), async () => {
      const body = { roles, client: { keptDeviceIdleMinutes: keptMinutes } };
      data.set(await api.request(updatePolicy, { params: { orgId }, body }));
    });
  };

  return (
    <>
      <StatusMessage status={status} />
      {policy === null ? <p>{t("admin.loading")}</p> : null}
      <form className="form" onSubmit={save}>
        {roles.map((r) => (
          <fieldset className="fieldset" key={r.role}>
            <legend>{t(`admin.roles.${r.role}`)}</legend>
            <div className="field">
              <label htmlFor={`idle-${r.role}`}>{t("admin.policies.idle")}</label>
              <input
                id={`idle-${r.role}`}
                type="number"
                min={5}
                max={720}
                value={r.idleMinutes}
                onChange={(e) => change(r.role, { idleMinutes: Number(e.target.value) })}
              />
            </div>
            <div className="field">
              <label htmlFor={`absolute-${r.role}`}>{t("admin.policies.absolute")}</label>
              <input
                id={`absolute-${r.role}`}
                type="number"
                min={60}
                max={720}
                value={r.absoluteMinutes}
                onChange={(e) => change(r.role, { absoluteMinutes: Number(e.target.value) })}
              />
            </div>
            <div className="checkbox-field">
              <input
                id={`mfa-${r.role}`}
                type="checkbox"
                checked={r.mfaRequired}
                onChange={(e) => change(r.role, { mfaRequired: e.target.checked })}
              />
              <label htmlFor={`mfa-${r.role}`}>{t("admin.policies.mfa")}</label>
            </div>
          </fieldset>
        ))}
        {policy ? (
          <p className="field__hint">
            {t("admin.policies.clients", {
              idle: policy.client.idleMinutes,
              absolute: policy.client.absoluteMinutes,
            })}
          </p>
        ) : null}
        {/* Clients who answer "my own device" at login (ADR 0027); the strictest organisation applies. */}
        <fieldset className="fieldset">
          <legend>{t("keptDevice.adminLegend")}</legend>
          <div className="field">
            <label htmlFor="kept-device-idle">{t("keptDevice.adminIdle")}</label>
            <p id="kept-device-idle-hint" className="field__hint">
              {t("keptDevice.adminHint")}
            </p>
            <input
              id="kept-device-idle"
              type="number"
              min={15}
              max={720}
              value={keptMinutes}
              aria-describedby="kept-device-idle-hint"
              onChange={(e) => setKeptMinutes(Number(e.target.value))}
            />
          </div>
        </fieldset>
        <p className="field__hint">{t("admin.policies.passwordRule")}</p>
        <button type="submit" className="button button--primary">
          {t("admin.policies.save")}
        </button>
      </form>
      <AttachmentPolicySection admin={admin} />
      <MessagingPolicySection admin={admin} />
      <QuickExitSection admin={admin} />
      <SenderNameSection admin={admin} />
      <ClientDetailsSection admin={admin} />
    </>
  );
}
