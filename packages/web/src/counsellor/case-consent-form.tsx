// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, CaseView, ForwardingChannel, RecordConsent } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { TextField } from "../components/text-field";
import {
  ALL_CHANNELS,
  CONSENT_CAPACITIES,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  NAMED_PURPOSES,
  purposeName,
} from "../compliance/consent-names";
import { shownTextHash } from "../counselling/shown-documents";
import { useT } from "../i18n/use-t";
import { consentText, dayAt, isoDay, type Giver, type Language, type Scope, type Translate } from "./consent-text";

type Body = BodyOf<typeof RecordConsent>;

/**
 * Staff record a consent the client (or someone for them) gave outside
 * Obhut: by phone, in person, on a signed form (RecordConsent). What is
 * recorded about the text is honest about where it came from: the text is
 * composed here and shown in full, the staff member confirms that it is
 * what the person agreed to (read out, or the signed form says the same),
 * and only then its hash goes to the server with the method of consent and
 * the recording staff member — never a claim that the client saw this screen.
 * No names: who signed for a minor is written in the encrypted case notes.
 */
export function CaseConsentForm({
  c,
  busy,
  onRecord,
}: {
  c: CaseView;
  busy: boolean;
  onRecord: (body: Body) => Promise<boolean>;
}) {
  const { t, i18n } = useT();
  const today = isoDay(new Date());
  const [scope, setScope] = useState<Scope>("case");
  const [purpose, setPurpose] = useState<string>("referral");
  const [recipient, setRecipient] = useState("");
  const [channels, setChannels] = useState<ForwardingChannel[]>([]);
  const [giver, setGiver] = useState<Giver>("subject");
  const [capacity, setCapacity] = useState<(typeof CONSENT_CAPACITIES)[number]>("adult");
  const [method, setMethod] = useState<(typeof CONSENT_METHODS)[number]>("verbal");
  const [givenOn, setGivenOn] = useState(today);
  const [until, setUntil] = useState("");
  const [language, setLanguage] = useState<Language>(i18n.language.startsWith("en") ? "en" : "de");
  const [attested, setAttested] = useState(false);
  const [errors, setErrors] = useState<
    Partial<Record<"recipient" | "channels" | "givenOn" | "until" | "attest", string>>
  >({});

  const tt = i18n.getFixedT(language) as unknown as Translate;
  const text = consentText(tt, language, {
    agency: c.agencyName,
    scope,
    giver,
    purpose,
    recipient,
    channels,
    until,
  });

  const toggle = (channel: ForwardingChannel, on: boolean) =>
    setChannels((now) =>
      on ? ALL_CHANNELS.filter((x) => x === channel || now.includes(x)) : now.filter((x) => x !== channel),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {
      ...(recipient.trim() === "" ? { recipient: t("recordConsent.recipientMissing") } : {}),
      ...(channels.length === 0 ? { channels: t("recordConsent.channelsMissing") } : {}),
      ...(!givenOn || givenOn > today ? { givenOn: t("recordConsent.givenAtInvalid") } : {}),
      ...(until && until <= givenOn ? { until: t("recordConsent.expiresAtInvalid") } : {}),
      ...(!attested ? { attest: t("recordConsent.attestMissing") } : {}),
    };
    setErrors(found);
    const first = (["recipient", "channels", "givenOn", "until", "attest"] as const).find((k) => found[k]);
    if (first) {
      const ids = {
        recipient: "consent-recipient",
        channels: "consent-channel-phone",
        givenOn: "consent-given-on",
        until: "consent-until",
        attest: "consent-attest",
      };
      document.getElementById(ids[first])?.focus();
      return;
    }
    if (busy) return;
    const recorded = await onRecord({
      organisationId: c.organisationId,
      subject: scope === "case" ? { type: "case", caseId: c.id } : { type: "client", clientId: c.clientId },
      givenBy: giver,
      capacity,
      purpose,
      recipients: [recipient.trim()],
      channels,
      // Exactly the text on the screen now, which the staff member confirmed the person agreed to.
      textSha256: await shownTextHash(text),
      language,
      method,
      ...(givenOn !== today ? { givenAt: dayAt(givenOn, false) } : {}),
      ...(until ? { expiresAt: dayAt(until, true) } : {}),
    });
    if (recorded) {
      setRecipient("");
      setChannels([]);
      setAttested(false);
    }
  };

  const radios = <V extends string>(
    name: string,
    values: readonly V[],
    value: V,
    set: (v: V) => void,
    label: (v: V) => string,
  ) =>
    values.map((v) => (
      <div className="checkbox-field" key={v}>
        <input id={`${name}-${v}`} type="radio" name={name} checked={value === v} onChange={() => set(v)} />
        <label htmlFor={`${name}-${v}`}>{label(v)}</label>
      </div>
    ));

  return (
    <form
      className="staff-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby="record-consent-heading"
    >
      <h3 id="record-consent-heading">{t("recordConsent.title")}</h3>
      <p>{t("recordConsent.lead")}</p>
      <fieldset className="fieldset">
        <legend>{t("recordConsent.scopeLegend")}</legend>
        {radios("consent-scope", ["case", "client"] as const, scope, setScope, (v) => t(`recordConsent.scope.${v}`))}
      </fieldset>
      <div className="field">
        <label htmlFor="consent-purpose">{t("recordConsent.purpose")}</label>
        <select id="consent-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value)}>
          {NAMED_PURPOSES.map((code) => (
            <option key={code} value={code}>
              {purposeName(t, code)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="consent-recipient"
        label={t("recordConsent.recipient")}
        value={recipient}
        onValue={setRecipient}
        maxLength={200}
        autoComplete="off"
        error={errors.recipient}
      />
      <fieldset className={errors.channels ? "fieldset field--invalid" : "fieldset"}>
        <legend>{t("recordConsent.channelsLegend")}</legend>
        {errors.channels ? <p className="field__error">{errors.channels}</p> : null}
        {ALL_CHANNELS.map((channel) => (
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
        <legend>{t("recordConsent.givenByLegend")}</legend>
        {radios("consent-giver", CONSENT_GIVERS, giver, setGiver, (v) => t(`recordConsent.givenBy.${v}`))}
        {giver !== "subject" ? <p className="field__hint">{t("recordConsent.nameHint")}</p> : null}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("recordConsent.capacityLegend")}</legend>
        {radios("consent-capacity", CONSENT_CAPACITIES, capacity, setCapacity, (v) => t(`recordConsent.capacity.${v}`))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("recordConsent.methodLegend")}</legend>
        {radios("consent-method", CONSENT_METHODS, method, setMethod, (v) => t(`recordConsent.method.${v}`))}
      </fieldset>
      <TextField
        id="consent-given-on"
        type="date"
        label={t("recordConsent.givenAt")}
        hint={t("recordConsent.givenAtHint")}
        value={givenOn}
        onValue={setGivenOn}
        max={today}
        error={errors.givenOn}
      />
      <TextField
        id="consent-until"
        type="date"
        label={t("recordConsent.expiresAt")}
        value={until}
        onValue={setUntil}
        min={givenOn}
        error={errors.until}
      />
      <div className="field">
        <label htmlFor="consent-language">{t("recordConsent.language")}</label>
        <select
          id="consent-language"
          value={language}
          onChange={(event) => setLanguage(event.target.value as Language)}
        >
          {(["de", "en"] as const).map((code) => (
            <option key={code} value={code}>
              {t(`recordConsent.languages.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <section className="consent-text" aria-labelledby="record-consent-text-heading">
        <h4 id="record-consent-text-heading">{t("recordConsent.textHeading")}</h4>
        <p lang={language}>{text}</p>
      </section>
      <CheckboxField
        id="consent-attest"
        label={t("recordConsent.attest")}
        checked={attested}
        onChecked={setAttested}
        error={errors.attest}
      />
      <p>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t("recordConsent.submit")}
        </button>
      </p>
    </form>
  );
}
