// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DeleteSsoConfig, GetSsoConfig, PutSsoConfig, SsoConfigView, StaffRole } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, type Endpoint } from "../api/client";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { type AdminContext, AdminPage, StatusMessage, errorText } from "./admin-shell";

const ssoPath = "/api/organisations/:orgId/sso" as const;
const getSso: Endpoint<typeof GetSsoConfig> = { method: "GET", path: ssoPath };
const putSso: Endpoint<typeof PutSsoConfig> = { method: "PUT", path: ssoPath };
const deleteSso: Endpoint<typeof DeleteSsoConfig> = { method: "DELETE", path: ssoPath };

const ROLES: StaffRole[] = ["counsellor", "org_admin", "dpo", "report_office"];
const DEFAULT_SCOPES = "openid profile groups";

type SsoRoleMapping = SsoConfigView["roleMapping"][number];
type Mapping = SsoRoleMapping & { key: number };

interface Form {
  issuer: string;
  clientId: string;
  /** Empty: keep the stored secret (it is never sent to the browser). */
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  mappings: Mapping[];
  required: boolean;
}

let nextKey = 0;
const withKeys = (list: SsoRoleMapping[]): Mapping[] => list.map((m) => ({ ...m, key: nextKey++ }));

function formOf(config: SsoConfigView | null): Form {
  return {
    issuer: config?.issuer ?? "",
    clientId: config?.clientId ?? "",
    clientSecret: "",
    scopes: config?.scopes ?? DEFAULT_SCOPES,
    groupsClaim: config?.groupsClaim ?? "groups",
    mappings: withKeys(config?.roleMapping ?? []),
    required: config?.required ?? false,
  };
}

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
  const [form, setForm] = useState<Form>(formOf(null));
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingOff, setConfirmingOff] = useState(false);

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
      const secret = form.clientSecret.trim();
      const r = await api.request(putSso, {
        params: { orgId },
        body: {
          issuer: form.issuer.trim(),
          clientId: form.clientId.trim(),
          ...(secret ? { clientSecret: secret } : {}),
          scopes: form.scopes.trim().split(/\s+/).join(" "),
          groupsClaim: form.groupsClaim.trim(),
          roleMapping: form.mappings
            .filter((m) => m.group.trim() !== "")
            .map((m) => ({ group: m.group.trim(), role: m.role })),
          required: form.required,
        },
      });
      show(r.config);
    });
  };

  const switchOff = () => {
    setConfirmingOff(false);
    void act(t("admin.working"), t("sso.admin.removed"), async () => {
      await api.request(deleteSso, { params: { orgId } });
      show(null);
    });
  };

  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));
  const patchMapping = (key: number, p: Partial<SsoRoleMapping>) =>
    setForm((f) => ({ ...f, mappings: f.mappings.map((m) => (m.key === key ? { ...m, ...p } : m)) }));

  if (config === undefined)
    return loadError ? (
      <StatusMessage status={{ kind: "error", text: errorText(t, loadError) }} />
    ) : (
      <p role="status">{t("admin.loading")}</p>
    );

  const redirectUri = config?.redirectUri ?? `${window.location.origin}/sso/callback`;
  return (
    <>
      <StatusMessage status={status} />
      <section className="section" aria-labelledby="sso-state-heading">
        <h2 id="sso-state-heading">{t("sso.admin.stateHeading")}</h2>
        <p data-sso-state={config ? "on" : "off"}>
          {config ? t(config.required ? "sso.admin.stateRequired" : "sso.admin.stateOn") : t("sso.admin.stateOff")}
        </p>
        <p>{t("sso.admin.redirectExplain")}</p>
        <code className="admin-link" id="sso-redirect-uri">
          {redirectUri}
        </code>
        <p>
          {t("sso.admin.linkHint")} <Link to="/account">{t("sso.admin.accountLink")}</Link>
        </p>
      </section>
      <form className="form" noValidate onSubmit={save} aria-labelledby="sso-form-heading">
        <h2 id="sso-form-heading">{t("sso.admin.formHeading")}</h2>
        <TextField
          id="sso-issuer"
          type="url"
          label={t("sso.admin.issuer")}
          hint={t("sso.admin.issuerHint")}
          value={form.issuer}
          onValue={(issuer) => patch({ issuer })}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="sso-client-id"
          label={t("sso.admin.clientId")}
          value={form.clientId}
          onValue={(clientId) => patch({ clientId })}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="sso-client-secret"
          type="password"
          label={t("sso.admin.clientSecret")}
          hint={config?.hasClientSecret ? t("sso.admin.secretStored") : t("sso.admin.secretHint")}
          value={form.clientSecret}
          onValue={(clientSecret) => patch({ clientSecret })}
          autoComplete="new-password"
        />
        <TextField
          id="sso-scopes"
          label={t("sso.admin.scopes")}
          hint={t("sso.admin.scopesHint")}
          value={form.scopes}
          onValue={(scopes) => patch({ scopes })}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="sso-groups-claim"
          label={t("sso.admin.groupsClaim")}
          hint={t("sso.admin.groupsClaimHint")}
          value={form.groupsClaim}
          onValue={(groupsClaim) => patch({ groupsClaim })}
          autoComplete="off"
          spellCheck={false}
        />
        <fieldset className="fieldset">
          <legend>{t("sso.admin.mappingLegend")}</legend>
          <p className="field__hint">{t("sso.admin.mappingHint")}</p>
          {form.mappings.length === 0 ? <p>{t("sso.admin.mappingNone")}</p> : null}
          <ol className="admin-list">
            {form.mappings.map((m, index) => (
              <li key={m.key} className="admin-row" data-mapping={index + 1}>
                <div className="field">
                  <label htmlFor={`sso-group-${m.key}`}>{t("sso.admin.group", { n: index + 1 })}</label>
                  <input
                    id={`sso-group-${m.key}`}
                    value={m.group}
                    onChange={(e) => patchMapping(m.key, { group: e.target.value })}
                    autoComplete="off"
                    spellCheck={false}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`sso-role-${m.key}`}>{t("sso.admin.role", { n: index + 1 })}</label>
                  <select
                    id={`sso-role-${m.key}`}
                    value={m.role}
                    onChange={(e) => patchMapping(m.key, { role: e.target.value as StaffRole })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`admin.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="button"
                  className="button"
                  onClick={() => patch({ mappings: form.mappings.filter((x) => x.key !== m.key) })}
                >
                  {t("sso.admin.removeMapping", { n: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button"
            onClick={() => patch({ mappings: [...form.mappings, ...withKeys([{ group: "", role: "counsellor" }])] })}
          >
            {t("sso.admin.addMapping")}
          </button>
        </fieldset>
        <div className="checkbox-field">
          <input
            id="sso-required"
            type="checkbox"
            checked={form.required}
            aria-describedby="sso-required-hint"
            onChange={(e) => patch({ required: e.target.checked })}
          />
          <label htmlFor="sso-required">{t("sso.admin.required")}</label>
        </div>
        <p id="sso-required-hint" className="field__hint">
          {t("sso.admin.requiredHint")}
        </p>
        <button type="submit" className="button button--primary" aria-busy={busy}>
          {t("sso.admin.save")}
        </button>
      </form>
      {config ? (
        <section className="section" aria-labelledby="sso-off-heading">
          <h2 id="sso-off-heading">{t("sso.admin.offHeading")}</h2>
          <p>{t("sso.admin.offExplain")}</p>
          {confirmingOff ? (
            <div className="notice notice--warn">
              <p>{t("sso.admin.offConfirm")}</p>
              <div className="actions">
                <button type="button" className="button button--primary" onClick={switchOff}>
                  {t("sso.admin.offYes")}
                </button>
                <button type="button" className="button" onClick={() => setConfirmingOff(false)}>
                  {t("admin.users.cancel")}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmingOff(true)}>
              {t("sso.admin.off")}
            </button>
          )}
        </section>
      ) : null}
    </>
  );
}
