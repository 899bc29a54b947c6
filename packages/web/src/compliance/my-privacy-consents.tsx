// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConsentView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { channelNames, purposeName } from "./consent-names";

/** The consents the client gave; an active one can be withdrawn at once. */
export function ConsentList({
  consents,
  busy,
  onWithdraw,
}: {
  consents: ConsentView[] | null;
  busy: boolean;
  onWithdraw: (consentId: string) => void;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="consents-heading">
      <h2 id="consents-heading">{t("myPrivacy.consentsHeading")}</h2>
      {consents === null ? (
        <p role="status">{t("common.loading")}</p>
      ) : consents.length === 0 ? (
        <p>{t("myPrivacy.noConsents")}</p>
      ) : (
        <ul className="consent-list">
          {consents.map((c) => (
            <li key={c.id} className="consent">
              <p>
                <strong>{t("myPrivacy.purpose", { purpose: purposeName(t, c.purpose) })}</strong>
              </p>
              <p>{t("myPrivacy.recipients", { recipients: c.recipients.join(", ") })}</p>
              <p>{t("consents.channels", { channels: channelNames(t, c.channels) })}</p>
              <p>{t("myPrivacy.givenAt", { date: new Date(c.givenAt).toLocaleDateString() })}</p>
              {c.withdrawal ? (
                <p className="consent__state">
                  {t("myPrivacy.withdrawnAt", { date: new Date(c.withdrawal.withdrawnAt).toLocaleDateString() })}
                </p>
              ) : c.active ? (
                <p>
                  <button type="button" className="button" aria-disabled={busy} onClick={() => onWithdraw(c.id)}>
                    {t("myPrivacy.withdraw", { purpose: purposeName(t, c.purpose) })}
                  </button>
                </p>
              ) : (
                <p className="consent__state">{t("myPrivacy.inactive")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
