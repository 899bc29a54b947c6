// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, CaseView, CheckForwarding, ConsentView, ForwardingDecisionView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, type ApiClient } from "../api/client";
import { useAction } from "../api/use-action";
import { TextField } from "../components/text-field";
import { ALL_CHANNELS, LEGAL_BASES, NAMED_PURPOSES, purposeName } from "../compliance/consent-names";
import { checkForwarding } from "../compliance/endpoints";
import { TextArea } from "../counselling/text-area";
import { useT } from "../i18n/use-t";

type Channel = (typeof ALL_CHANNELS)[number];
type Basis = (typeof LEGAL_BASES)[number];
type Outcome = { kind: "allowed"; decision: ForwardingDecisionView } | { kind: "refused" | "restricted" };

const REASON_MIN = 10;

/**
 * The forwarding gate (CheckForwarding, ADR 0012) where a person needs it:
 * before a counsellor passes something on outside Obhut — a call to the
 * youth welfare office, a letter — they ask whether a consent covers it or
 * name a legal basis with a reason. The server records every answer, yes or
 * no, for the data protection officer; nothing is sent from here.
 */
export function CaseForwardingCheck({ api, c, consents }: { api: ApiClient; c: CaseView; consents: ConsentView[] }) {
  const { t, i18n } = useT();
  const [purpose, setPurpose] = useState<string>("referral");
  const [recipient, setRecipient] = useState("");
  const [channel, setChannel] = useState<Channel>("phone");
  const [onLegalBasis, setOnLegalBasis] = useState(false);
  const [basis, setBasis] = useState<Basis>(LEGAL_BASES[0]);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ recipient?: string; reason?: string }>({});
  const resultRef = useRef<HTMLParagraphElement>(null);

  const check = useAction(async (body: BodyOf<typeof CheckForwarding>): Promise<Outcome> => {
    try {
      const { decision } = await api.request(checkForwarding, { body });
      return { kind: "allowed", decision };
    } catch (error) {
      // A refusal is an answer, not a failure: the server has documented it.
      if (error instanceof ApiError && error.code === "forwarding_refused") return { kind: "refused" };
      if (error instanceof ApiError && error.code === "case_restricted") return { kind: "restricted" };
      throw error;
    }
  });
  const outcome = check.result;
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(recipient.trim() === "" ? { recipient: t("forwardingCheck.recipientMissing") } : {}),
      ...(onLegalBasis && reason.trim().length < REASON_MIN ? { reason: t("forwardingCheck.reasonMissing") } : {}),
    };
    setErrors(found);
    if (found.recipient || found.reason) {
      document.getElementById(found.recipient ? "forwarding-recipient" : "forwarding-reason")?.focus();
      return;
    }
    void check.run({
      organisationId: c.organisationId,
      caseId: c.id,
      purpose,
      recipient: recipient.trim(),
      channel,
      ...(onLegalBasis ? { legalBasis: basis, reason: reason.trim() } : {}),
    });
  };

  const allowedText = (decision: ForwardingDecisionView) => {
    if (decision.basis.type === "legal_basis")
      return t("forwardingCheck.allowedLegal", { basis: t(`forwardingCheck.legalBases.${decision.basis.legalBasis}`) });
    const consentId = decision.basis.consentId;
    const consent = consents.find((x) => x.id === consentId);
    return consent
      ? t("forwardingCheck.allowedConsent", {
          purpose: purposeName(t, consent.purpose),
          date: new Date(consent.givenAt).toLocaleDateString(i18n.language, { dateStyle: "long" }),
        })
      : t("forwardingCheck.allowedConsentUnknown");
  };

  return (
    <form className="staff-form" noValidate onSubmit={submit} aria-labelledby="forwarding-heading">
      <h3 id="forwarding-heading">{t("forwardingCheck.title")}</h3>
      <p>{t("forwardingCheck.lead")}</p>
      <div className="field">
        <label htmlFor="forwarding-purpose">{t("forwardingCheck.purpose")}</label>
        <select id="forwarding-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value)}>
          {NAMED_PURPOSES.map((code) => (
            <option key={code} value={code}>
              {purposeName(t, code)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="forwarding-recipient"
        label={t("forwardingCheck.recipient")}
        value={recipient}
        onValue={setRecipient}
        maxLength={200}
        autoComplete="off"
        error={errors.recipient}
      />
      <div className="field">
        <label htmlFor="forwarding-channel">{t("forwardingCheck.channel")}</label>
        <select id="forwarding-channel" value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
          {ALL_CHANNELS.map((code) => (
            <option key={code} value={code}>
              {t(`consents.channel.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="fieldset">
        <legend>{t("forwardingCheck.basisLegend")}</legend>
        {(["consent", "legal"] as const).map((kind) => (
          <div className="checkbox-field" key={kind}>
            <input
              id={`forwarding-basis-${kind}`}
              type="radio"
              name="forwarding-basis"
              checked={onLegalBasis === (kind === "legal")}
              onChange={() => setOnLegalBasis(kind === "legal")}
            />
            <label htmlFor={`forwarding-basis-${kind}`}>{t(`forwardingCheck.basis.${kind}`)}</label>
          </div>
        ))}
      </fieldset>
      {onLegalBasis ? (
        <>
          <div className="field">
            <label htmlFor="forwarding-legal-basis">{t("forwardingCheck.legalBasis")}</label>
            <select
              id="forwarding-legal-basis"
              value={basis}
              onChange={(event) => setBasis(event.target.value as Basis)}
            >
              {LEGAL_BASES.map((code) => (
                <option key={code} value={code}>
                  {t(`forwardingCheck.legalBases.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <TextArea
            id="forwarding-reason"
            label={t("forwardingCheck.reason")}
            hint={t("forwardingCheck.reasonHint")}
            value={reason}
            onValue={setReason}
            error={errors.reason}
            maxLength={2000}
            rows={3}
          />
        </>
      ) : null}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={check.pending}>
          {t("forwardingCheck.submit")}
        </button>
      </p>
      {check.error ? (
        <p className="notice notice--error" role="alert">
          {t("casePrivacy.failed", { code: check.error })}
        </p>
      ) : null}
      {outcome ? (
        <p
          className={outcome.kind === "allowed" ? "notice notice--success" : "notice notice--error"}
          role="status"
          tabIndex={-1}
          ref={resultRef}
        >
          {outcome.kind === "allowed"
            ? allowedText(outcome.decision)
            : t(outcome.kind === "refused" ? "forwardingCheck.refused" : "forwardingCheck.restricted")}
        </p>
      ) : null}
      <p className="field__hint">{t("forwardingCheck.disclaimer")}</p>
    </form>
  );
}
