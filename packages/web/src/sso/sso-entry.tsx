// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { listSsoOrganisations, startSso } from "./sso-flow";

/**
 * "Sign in with your organisation (SSO)" on the staff login page. Shown only
 * when some organisation of this instance offers SSO; the identity provider
 * then sends the browser back to /sso/callback.
 */
export function SsoEntry({ go = (url: string) => window.location.assign(url) }: { go?: (url: string) => void }) {
  const { t } = useT();
  // Without an answer there is no SSO entry; the password login below still works.
  const data = useLoad(() => listSsoOrganisations(), []);
  const organisations = data.kind === "ready" ? data.value : [];
  const [picked, setChosen] = useState("");
  const chosen = picked || (organisations.length === 1 ? organisations[0]!.id : "");
  const start = useAction(async (organisationId: string) => {
    go(await startSso(organisationId));
    return "leaving" as const;
  });
  // Once the browser is on its way to the provider the button stays busy.
  const busy = start.pending || start.result !== undefined;
  const failed = start.error !== null;

  if (organisations.length === 0) return null;

  const begin = () => {
    if (!chosen || busy) return;
    void start.run(chosen);
  };

  return (
    <section className="sso-entry" aria-labelledby="sso-entry-title">
      <h2 id="sso-entry-title">{t("sso.entryTitle")}</h2>
      <p>{t("sso.entryLead")}</p>
      {failed ? (
        <p className="notice notice--error" role="alert">
          {t("sso.unavailable")}
        </p>
      ) : null}
      {organisations.length > 1 ? (
        <p className="field">
          <label htmlFor="sso-organisation">{t("sso.organisation")}</label>
          <select id="sso-organisation" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t("sso.chooseOrganisation")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <button type="button" className="button" disabled={!chosen || busy} aria-busy={busy} onClick={begin}>
        {t("sso.signIn")}
      </button>
    </section>
  );
}
