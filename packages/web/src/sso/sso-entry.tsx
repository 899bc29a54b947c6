// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from "react";
import { useT } from "../i18n/use-t";
import { listSsoOrganisations, startSso } from "./sso-flow";

/**
 * "Sign in with your organisation (SSO)" on the staff login page. Shown only
 * when some organisation of this instance offers SSO; the identity provider
 * then sends the browser back to /sso/callback.
 */
export function SsoEntry({ go = (url: string) => window.location.assign(url) }: { go?: (url: string) => void }) {
  const { t } = useT();
  const [organisations, setOrganisations] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    listSsoOrganisations()
      .then((list) => {
        if (!live) return;
        setOrganisations(list);
        if (list.length === 1) setChosen(list[0]!.id);
      })
      .catch(() => {
        // No SSO entry then; the password login below still works.
      });
    return () => {
      live = false;
    };
  }, []);

  if (organisations.length === 0) return null;

  const begin = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setFailed(false);
    try {
      go(await startSso(chosen));
    } catch {
      setFailed(true);
      setBusy(false);
    }
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
      <button type="button" className="button" disabled={!chosen || busy} aria-busy={busy} onClick={() => void begin()}>
        {t("sso.signIn")}
      </button>
    </section>
  );
}
