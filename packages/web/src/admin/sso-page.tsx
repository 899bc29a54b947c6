// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DeleteSsoConfig, GetSsoConfig, PutSsoConfig } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import type { Endpoint } from "../api/client";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, failedText, useStatusAction } from "./admin-status";
import { formOf, ssoBody, type SsoForm } from "./sso-form";
import { SsoSettingsForm } from "./sso-settings-form";
import { SsoOffSection, SsoStateSection } from "./sso-state-sections";
import { useSeed } from "./use-seed";

const ssoPath = "/api/organisations/:orgId/sso" as const;
const getSso: Endpoint<typeof GetSsoConfig> = { method: "GET", path: ssoPath };
const putSso: Endpoint<typeof PutSsoConfig> = { method: "PUT", path: ssoPath };
const deleteSso: Endpoint<typeof DeleteSsoConfig> = { method: "DELETE", path: ssoPath };

/** The organisation's OpenID Connect settings (issue 4, item 6; ADR 0014). */
export function SsoPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("sso.admin.title")} lead={t("sso.admin.lead")}>
      {(admin) => <SsoSettings admin={admin} />}
    </AdminPage>
  );
}

function SsoSettings({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  // Not keyed on the language: switching it must not reload the settings over what is being typed.
  const data = useLoad((signal) => api.request(getSso, { params: { orgId }, signal }), [api, orgId]);
  const loaded = data.kind === "ready" ? data.value : undefined;
  const [form, setForm] = useState<SsoForm>(formOf(null));
  // The form starts from the stored settings, on load and after saving or switching off.
  useSeed(loaded, (l) => setForm(formOf(l.config)));
  const {
    status,
    run: act,
    pending: busy,
  } = useStatusAction((code) => {
    if (code === "sso_unavailable") return t("sso.admin.unreachable");
    if (code === "sso_not_linked") return t("sso.admin.linkFirst");
    if (code === "sso_issuer_not_allowed") return t("sso.admin.notAllowed");
    if (code === "invalid_body") return t("sso.admin.invalid");
    return undefined;
  });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(t("sso.admin.checking"), t("sso.admin.saved"), async () => {
      data.set(await api.request(putSso, { params: { orgId }, body: ssoBody(form) }));
    });
  };

  const switchOff = () =>
    void act(t("admin.working"), t("sso.admin.removed"), async () => {
      await api.request(deleteSso, { params: { orgId } });
      data.set({ config: null });
    });

  if (loaded === undefined)
    return data.kind === "failed" ? (
      <StatusMessage status={{ kind: "error", text: failedText(t, data.error) }} />
    ) : (
      <p role="status">{t("admin.loading")}</p>
    );

  const { config } = loaded;
  return (
    <>
      <StatusMessage status={status} />
      <SsoStateSection config={config} />
      <SsoSettingsForm
        form={form}
        hasClientSecret={config?.hasClientSecret ?? false}
        busy={busy}
        onPatch={(p) => setForm((f) => ({ ...f, ...p }))}
        onSubmit={save}
      />
      {config ? <SsoOffSection onSwitchOff={switchOff} /> : null}
    </>
  );
}
