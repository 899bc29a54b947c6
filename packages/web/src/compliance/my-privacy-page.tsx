// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelPreferencesView, PublishedDocumentView } from "@obhut/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { Link } from "../router/router";
import { listCases } from "../messaging/endpoints";
import {
  acceptDocument,
  giveMyConsent,
  myAcceptances,
  myChannels,
  myConsents,
  publishedDocuments,
  setMyChannels,
  withdrawMyConsent,
} from "./endpoints";
import { ChangedNotices, type ChangedNotice } from "./my-privacy-notices";
import { GiveConsentForm } from "./give-consent-form";
import { ConsentList } from "./my-privacy-consents";
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
  const { t, i18n } = useT();
  const language = i18n.language === "en" ? "en" : "de";
  const [prefs, setPrefs] = useState<ChannelPreferencesView | null>(null);
  const data = useLoad(
    async (signal) => {
      const [c, p, k, a] = await Promise.all([
        api.request(myConsents, { query: {}, signal }),
        api.request(myChannels, { signal }),
        api.request(listCases, { query: {}, signal }),
        api.request(myAcceptances, { signal }),
      ]);
      // Newest counselling first, as on "Meine Beratungen".
      const cases = [...k.cases].sort((a, b) => b.createdAt - a.createdAt);
      // Each organisation's current privacy notice (in this language, else German) that this client has not taken note of.
      const accepted = new Set(a.acceptances.map((x) => x.documentId));
      const organisations = new Map(cases.map((x) => [x.organisationId, x.agencyName]));
      const notices: ChangedNotice[] = [];
      for (const [orgId, agencyName] of organisations) {
        const published = await api.request(publishedDocuments, { params: { orgId }, signal });
        const privacy = published.documents.filter((d) => d.kind === "privacy_notice");
        const document: PublishedDocumentView | undefined =
          privacy.find((d) => d.language === language) ?? privacy.find((d) => d.language === "de");
        if (document && !accepted.has(document.id)) notices.push({ agencyName, document });
      }
      return { consents: c.consents, preferences: p.preferences, cases, notices };
    },
    [language],
  );
  const loaded = data.kind === "ready" ? data.value : null;
  const consents = loaded?.consents ?? null;
  // The checkboxes start from each (re)loaded answer.
  useEffect(() => {
    if (loaded) setPrefs(loaded.preferences);
  }, [loaded]);
  // Every change reloads; the outcome is announced in one status line.
  const action = useAction(async (work: () => Promise<unknown>, success: string) => {
    await work();
    await data.reload();
    return success;
  });
  const run = (work: () => Promise<unknown>, success: string) => action.run(work, success);
  const busy = action.pending;
  const failure =
    action.error ?? (action.pending || action.result !== undefined || data.kind !== "failed" ? null : data.error);
  const status: Status = failure
    ? { kind: "error", text: t("myPrivacy.failed", { code: failure }) }
    : action.result !== undefined
      ? { kind: "success", text: action.result }
      : null;

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
      <ChangedNotices
        notices={loaded?.notices ?? []}
        busy={busy}
        onAccept={(document) =>
          void run(
            () =>
              api.request(acceptDocument, { params: { documentId: document.id }, body: { sha256: document.sha256 } }),
            t("myPrivacy.noticeAccepted"),
          )
        }
      />
      <ConsentList
        consents={consents}
        busy={busy}
        onWithdraw={(consentId) =>
          void run(() => api.request(withdrawMyConsent, { params: { consentId } }), t("myPrivacy.withdrawn"))
        }
      />
      <GiveConsentForm
        cases={loaded?.cases ?? null}
        busy={busy}
        onGive={async (body) => (await run(() => api.request(giveMyConsent, { body }), t("consents.give.given"))).ok}
      />
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
