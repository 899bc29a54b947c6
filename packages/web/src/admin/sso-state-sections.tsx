// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SsoConfigView } from "@obhut/protocol";
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";

/** Whether SSO is on, the redirect address to register at the provider, and where to link one's own login. */
export function SsoStateSection({ config }: { config: SsoConfigView | null }) {
  const { t } = useT();
  const redirectUri = config?.redirectUri ?? `${window.location.origin}/sso/callback`;
  return (
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
  );
}

/** Switching SSO off, after a confirmation. */
export function SsoOffSection({ onSwitchOff }: { onSwitchOff: () => void }) {
  const { t } = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="section" aria-labelledby="sso-off-heading">
      <h2 id="sso-off-heading">{t("sso.admin.offHeading")}</h2>
      <p>{t("sso.admin.offExplain")}</p>
      {confirming ? (
        <div className="notice notice--warn">
          <p>{t("sso.admin.offConfirm")}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setConfirming(false);
                onSwitchOff();
              }}
            >
              {t("sso.admin.offYes")}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t("admin.users.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t("sso.admin.off")}
        </button>
      )}
    </section>
  );
}
