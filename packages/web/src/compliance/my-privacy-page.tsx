// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelPreferencesView, ConsentView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { Page } from "../components/page";
import { errorCode } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { Link } from "../router/router";
import { myChannels, myConsents, setMyChannels, withdrawMyConsent } from "./endpoints";
import "./compliance.css";

/**
 * The client's own data-protection settings (issue 7.2): the consents they
 * gave (each can be withdrawn at once; the withdrawal is recorded, the
 * consent itself stays in the log) and how they may be contacted.
 */
export function MyPrivacyPage() {
  const { t } = useT();
  const session = useSession();
  if (!session || session.account.kind !== "client")
    return (
      <Page title={t("myPrivacy.title")}>
        <p className="notice">{t("myPrivacy.loggedOut")}</p>
        <p>
          <Link to="/login" className="button button--primary">
            {t("account.loginLink")}
          </Link>
        </p>
      </Page>
    );
  return <MyPrivacy />;
}

type Status = { kind: "error" | "success"; text: string } | null;
const CHANNELS = ["inApp", "emailNotice", "push", "phone"] as const;

function MyPrivacy() {
  const { t } = useT();
  const [consents, setConsents] = useState<ConsentView[] | null>(null);
  const [prefs, setPrefs] = useState<ChannelPreferencesView | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [c, p] = await Promise.all([api.request(myConsents, { query: {} }), api.request(myChannels, {})]);
    setConsents(c.consents);
    setPrefs(p.preferences);
  }, []);
  useEffect(() => {
    load().catch((error: unknown) =>
      setStatus({ kind: "error", text: t("myPrivacy.failed", { code: errorCode(error) }) }),
    );
  }, [load, t]);

  const run = async (work: () => Promise<unknown>, success: string) => {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    try {
      await work();
      await load();
      setStatus({ kind: "success", text: success });
    } catch (error) {
      setStatus({ kind: "error", text: t("myPrivacy.failed", { code: errorCode(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!prefs) return;
    const { updatedAt: _updatedAt, ...body } = prefs;
    void run(() => api.request(setMyChannels, { body }), t("myPrivacy.channelsSaved"));
  };

  return (
    <Page title={t("myPrivacy.title")} lead={t("myPrivacy.lead")}>
      <p className={!status ? "visually-hidden" : `notice notice--${status.kind}`} role="status">
        {status?.text ?? ""}
      </p>
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
                  <strong>{t("myPrivacy.purpose", { purpose: c.purpose })}</strong>
                </p>
                <p>{t("myPrivacy.recipients", { recipients: c.recipients.join(", ") })}</p>
                <p>{t("myPrivacy.givenAt", { date: new Date(c.givenAt).toLocaleDateString() })}</p>
                {c.withdrawal ? (
                  <p className="consent__state">
                    {t("myPrivacy.withdrawnAt", { date: new Date(c.withdrawal.withdrawnAt).toLocaleDateString() })}
                  </p>
                ) : c.active ? (
                  <p>
                    <button
                      type="button"
                      className="button"
                      aria-disabled={busy}
                      onClick={() =>
                        void run(
                          () => api.request(withdrawMyConsent, { params: { consentId: c.id } }),
                          t("myPrivacy.withdrawn"),
                        )
                      }
                    >
                      {t("myPrivacy.withdraw", { purpose: c.purpose })}
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
      <section aria-labelledby="channels-heading">
        <h2 id="channels-heading">{t("myPrivacy.channelsHeading")}</h2>
        {prefs === null ? null : (
          <form onSubmit={save} noValidate>
            <fieldset>
              <legend>{t("myPrivacy.channelsLegend")}</legend>
              {CHANNELS.map((channel) => (
                <div className="checkbox-field" key={channel}>
                  <input
                    id={`channel-${channel}`}
                    type="checkbox"
                    checked={prefs[channel]}
                    onChange={(e) => setPrefs({ ...prefs, [channel]: e.target.checked })}
                  />
                  <label htmlFor={`channel-${channel}`}>{t(`myPrivacy.channel.${channel}`)}</label>
                </div>
              ))}
            </fieldset>
            <p>
              <button type="submit" className="button button--primary" aria-disabled={busy}>
                {t("myPrivacy.saveChannels")}
              </button>
            </p>
          </form>
        )}
      </section>
    </Page>
  );
}
