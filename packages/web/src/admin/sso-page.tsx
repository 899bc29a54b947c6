// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DeleteSsoConfig, GetSsoConfig, PutSsoConfig, SsoConfigView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, type Endpoint } from "../api/client";
import { useT } from "../i18n/use-t";
import { type AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, errorText } from "./admin-status";
import { formOf, ssoBody, type SsoForm } from "./sso-form";
import { SsoSettingsForm } from "./sso-settings-form";
import { SsoOffSection, SsoStateSection } from "./sso-state-sections";

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

type Status = Parameters<typeof StatusMessage>[0]["status"];

function SsoSettings({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const [config, setConfig] = useState<SsoConfigView | null | undefined>(undefined);
  const [form, setForm] = useState<SsoForm>(formOf(null));
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback((c: SsoConfigView | null) => {
    setConfig(c);
    setForm(formOf(c));
  }, []);

  const [loadError, setLoadError] = useState<unknown>(null);

  // Not keyed on the language: switching it must not reload the settings over what is being typed.
  useEffect(() => {
    let live = true;
    api
      .request(getSso, { params: { orgId } })
      .then((r) => live && show(r.config))
      .catch((e: unknown) => live && setLoadError(e ?? new Error("load")));
    return () => {
      live = false;
    };
  }, [api, orgId, show]);

  const failure = (e: unknown): string => {
    const code = e instanceof ApiError ? e.code : "";
    if (code === "sso_unavailable") return t("sso.admin.unreachable");
    if (code === "sso_not_linked") return t("sso.admin.linkFirst");
    if (code === "sso_issuer_not_allowed") return t("sso.admin.notAllowed");
    if (code === "invalid_body") return t("sso.admin.invalid");
    return errorText(t, e);
  };

  const act = async (working: string, done: string, step: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setStatus({ kind: "working", text: working });
    try {
      await step();
      setStatus({ kind: "success", text: done });
    } catch (e) {
      setStatus({ kind: "error", text: failure(e) });
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(t("sso.admin.checking"), t("sso.admin.saved"), async () => {
      const r = await api.request(putSso, { params: { orgId }, body: ssoBody(form) });
      show(r.config);
    });
  };

  const switchOff = () =>
    void act(t("admin.working"), t("sso.admin.removed"), async () => {
      await api.request(deleteSso, { params: { orgId } });
      show(null);
    });

  if (config === undefined)
    return loadError ? (
      <StatusMessage status={{ kind: "error", text: errorText(t, loadError) }} />
    ) : (
      <p role="status">{t("admin.loading")}</p>
    );

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
