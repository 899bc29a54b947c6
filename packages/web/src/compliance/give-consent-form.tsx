// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, CaseView, ForwardingChannel, GiveMyConsent } from "@obhut/protocol";
import { useState, type FormEvent, type ReactNode } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { TextField } from "../components/text-field";
import { shownTextHash } from "../counselling/shown-documents";
import { useT } from "../i18n/use-t";
import { CLIENT_CHANNELS, CLIENT_PURPOSES, channelNames, purposeName } from "./consent-names";

type Purpose = (typeof CLIENT_PURPOSES)[number];
type Body = BodyOf<typeof GiveMyConsent>;

/**
 * A client gives a consent online (issue #15, item 8): for one of their
 * counselling cases, a purpose by its name, a recipient and the ways allowed.
 * The text of the consent is composed from these choices and shown in full
 * before the button; what is recorded is the SHA-256 of exactly that text.
 */
export function GiveConsentForm({
  cases,
  busy,
  onGive,
}: {
  cases: CaseView[] | null;
  busy: boolean;
  onGive: (body: Body) => Promise<boolean>;
}) {
  const { t, i18n } = useT();
  const [caseId, setCaseId] = useState<string>("");
  const [purpose, setPurpose] = useState<Purpose>("referral");
  const [recipient, setRecipient] = useState("");
  const [channels, setChannels] = useState<ForwardingChannel[]>([]);
  const [adult, setAdult] = useState(true);
  const [errors, setErrors] = useState<{ recipient?: string; channels?: string }>({});

  if (cases === null) return null;
  const chosen = cases.find((c) => c.id === caseId) ?? cases[0];
  const section = (body: ReactNode) => (
    <section aria-labelledby="give-consent-heading">
      <h2 id="give-consent-heading">{t("consents.give.heading")}</h2>
      {body}
    </section>
  );
  if (!chosen) return section(<p>{t("consents.give.noCases")}</p>);

  const text = t("consents.give.text", {
    agency: chosen.agencyName,
    purpose: purposeName(t, purpose),
    recipient: recipient.trim() || "…",
    channels: channels.length > 0 ? channelNames(t, channels) : "…",
  });

  const toggle = (channel: ForwardingChannel, on: boolean) =>
    setChannels((current) =>
      on ? CLIENT_CHANNELS.filter((c) => c === channel || current.includes(c)) : current.filter((c) => c !== channel),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(recipient.trim() === "" ? { recipient: t("consents.give.recipientMissing") } : {}),
      ...(channels.length === 0 ? { channels: t("consents.give.channelsMissing") } : {}),
    };
    setErrors(found);
    if (busy || Object.keys(found).length > 0) return;
    const given = await onGive({
      organisationId: chosen.organisationId,
      caseId: chosen.id,
      capacity: adult ? "adult" : "minor_with_capacity",
      purpose,
      recipients: [recipient.trim()],
      channels,
      // The text on the screen right now, as rendered above the button.
      textSha256: await shownTextHash(text),
      language: i18n.language.startsWith("en") ? "en" : "de",
    });
    if (given) {
      setRecipient("");
      setChannels([]);
    }
  };

  return section(
    <>
      <p>{t("consents.give.lead")}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {cases.length > 1 ? (
          <div className="field">
            <label htmlFor="consent-case">{t("consents.give.case")}</label>
            <select id="consent-case" value={chosen.id} onChange={(event) => setCaseId(event.target.value)}>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {t("consents.give.caseOption", {
                    agency: c.agencyName,
                    date: new Date(c.createdAt).toLocaleDateString(i18n.language),
                  })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="consent-purpose">{t("consents.give.purpose")}</label>
          <select id="consent-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value as Purpose)}>
            {CLIENT_PURPOSES.map((code) => (
              <option key={code} value={code}>
                {purposeName(t, code)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="consent-recipient"
          label={t("consents.give.recipient")}
          value={recipient}
          onValue={setRecipient}
          maxLength={200}
          autoComplete="off"
          error={errors.recipient}
        />
        <fieldset className={errors.channels ? "fieldset field--invalid" : "fieldset"}>
          <legend>{t("consents.give.channelsLegend")}</legend>
          {errors.channels ? <p className="field__error">{errors.channels}</p> : null}
          {CLIENT_CHANNELS.map((channel) => (
            <CheckboxField
              key={channel}
              id={`consent-channel-${channel}`}
              label={t(`consents.channel.${channel}`)}
              checked={channels.includes(channel)}
              onChecked={(on) => toggle(channel, on)}
            />
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("consents.give.ageLegend")}</legend>
          <div className="checkbox-field">
            <input id="consent-adult" type="radio" name="consent-age" checked={adult} onChange={() => setAdult(true)} />
            <label htmlFor="consent-adult">{t("consents.give.adult")}</label>
          </div>
          <div className="checkbox-field">
            <input
              id="consent-minor"
              type="radio"
              name="consent-age"
              checked={!adult}
              onChange={() => setAdult(false)}
            />
            <label htmlFor="consent-minor">{t("consents.give.minor")}</label>
          </div>
        </fieldset>
        <section className="consent-text" aria-labelledby="consent-text-heading">
          <h3 id="consent-text-heading">{t("consents.give.textHeading")}</h3>
          <p>{text}</p>
        </section>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {t("consents.give.submit")}
          </button>
        </p>
      </form>
    </>,
  );
}
