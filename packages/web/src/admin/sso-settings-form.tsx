// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormEvent } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import type { SsoForm } from "./sso-form";
import { SsoRoleMappings } from "./sso-role-mappings";

/** The OpenID Connect settings: provider, client, scopes, groups claim, role mappings and whether SSO is required. */
export function SsoSettingsForm({
  form,
  hasClientSecret,
  busy,
  onPatch,
  onSubmit,
}: {
  form: SsoForm;
  hasClientSecret: boolean;
  busy: boolean;
  onPatch: (patch: Partial<SsoForm>) => void;
  onSubmit: (event: FormEvent) => void;
}) {
  const { t } = useT();
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="sso-form-heading">
      <h2 id="sso-form-heading">{t("sso.admin.formHeading")}</h2>
      <TextField
        id="sso-issuer"
        type="url"
        label={t("sso.admin.issuer")}
        hint={t("sso.admin.issuerHint")}
        value={form.issuer}
        onValue={(issuer) => onPatch({ issuer })}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <TextField
        id="sso-client-id"
        label={t("sso.admin.clientId")}
        value={form.clientId}
        onValue={(clientId) => onPatch({ clientId })}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <TextField
        id="sso-client-secret"
        type="password"
        label={t("sso.admin.clientSecret")}
        hint={hasClientSecret ? t("sso.admin.secretStored") : t("sso.admin.secretHint")}
        value={form.clientSecret}
        onValue={(clientSecret) => onPatch({ clientSecret })}
        autoComplete="new-password"
      />
      <TextField
        id="sso-scopes"
        label={t("sso.admin.scopes")}
        hint={t("sso.admin.scopesHint")}
        value={form.scopes}
        onValue={(scopes) => onPatch({ scopes })}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="sso-groups-claim"
        label={t("sso.admin.groupsClaim")}
        hint={t("sso.admin.groupsClaimHint")}
        value={form.groupsClaim}
        onValue={(groupsClaim) => onPatch({ groupsClaim })}
        autoComplete="off"
        spellCheck={false}
      />
      <SsoRoleMappings mappings={form.mappings} onChange={(mappings) => onPatch({ mappings })} />
      <div className="checkbox-field">
        <input
          id="sso-required"
          type="checkbox"
          checked={form.required}
          aria-describedby="sso-required-hint"
          onChange={(e) => onPatch({ required: e.target.checked })}
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
  );
}
