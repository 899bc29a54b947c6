// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConsentView } from "@obhut/protocol";
import { useState } from "react";
import { CONSENT_METHODS, channelNames, purposeName } from "../compliance/consent-names";
import { useT } from "../i18n/use-t";
import { formatDateTime } from "../staff/format";

type Method = (typeof CONSENT_METHODS)[number];

const day = (language: string, at: number) => new Date(at).toLocaleDateString(language, { dateStyle: "long" });

/**
 * The client's consents on this case (and those for all their counselling at
 * the organisation), newest first, each by its purpose's name, with its legal
 * basis, how and by whom it was given and whether it is in force. An active
 * one can be marked withdrawn after a confirmation that asks how the person
 * withdrew it; the consent itself stays in the log.
 */
export function CaseConsentList({
  clientName,
  consents,
  busy,
  nameOf,
  onWithdraw,
}: {
  clientName: string;
  consents: ConsentView[];
  busy: boolean;
  nameOf: (accountId: string) => string | undefined;
  onWithdraw: (consent: ConsentView, method: Method) => Promise<{ ok: boolean }>;
}) {
  const { t } = useT();
  const [asking, setAsking] = useState<string | null>(null);
  const newest = [...consents].sort((a, b) => b.givenAt - a.givenAt || b.recordedAt - a.recordedAt);
  return (
    <section aria-labelledby="case-consents-heading">
      <h3 id="case-consents-heading">{t("caseConsents.title")}</h3>
      <p>{t("caseConsents.lead", { name: clientName })}</p>
      {newest.length === 0 ? (
        <p>{t("caseConsents.none")}</p>
      ) : (
        <ul className="consent-list">
          {newest.map((consent) => (
            <ConsentItem
              key={consent.id}
              consent={consent}
              nameOf={nameOf}
              asking={asking === consent.id}
              busy={busy}
              onAsk={(on) => setAsking(on ? consent.id : null)}
              onWithdraw={async (method) => {
                if ((await onWithdraw(consent, method)).ok) setAsking(null);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConsentItem({
  consent: c,
  nameOf,
  asking,
  busy,
  onAsk,
  onWithdraw,
}: {
  consent: ConsentView;
  nameOf: (accountId: string) => string | undefined;
  asking: boolean;
  busy: boolean;
  onAsk: (on: boolean) => void;
  onWithdraw: (method: Method) => Promise<void>;
}) {
  const { t, i18n } = useT();
  const language = i18n.language;
  const purpose = purposeName(t, c.purpose);
  const recipients = c.recipients.join(", ");
  const expired = !c.withdrawal && c.expiresAt !== null && c.expiresAt <= Date.now();
  const recorder = nameOf(c.recordedBy);
  const recorded = formatDateTime(language, c.recordedAt);
  return (
    <li className="consent">
      <h4>{purpose}</h4>
      <p className="consent__state">
        <strong>
          {c.withdrawal
            ? t("caseConsents.withdrawnAt", {
                date: day(language, c.withdrawal.withdrawnAt),
                method: t(`caseConsents.method.${c.withdrawal.method}`),
              })
            : c.active
              ? t("caseConsents.active")
              : expired
                ? t("caseConsents.expired")
                : t("caseConsents.inactive")}
        </strong>
      </p>
      <p>{t(`caseConsents.scope.${c.subject.type}`)}</p>
      <p>{t("caseConsents.recipients", { recipients })}</p>
      <p>{t("consents.channels", { channels: channelNames(t, c.channels) })}</p>
      <p>
        {t(`caseConsents.givenBy.${c.givenBy}`)};{" "}
        {t("caseConsents.capacityLine", { capacity: t(`caseConsents.capacity.${c.capacity}`) })}
      </p>
      <p>{t("caseConsents.given", { date: day(language, c.givenAt), method: t(`caseConsents.method.${c.method}`) })}</p>
      {c.expiresAt !== null ? <p>{t("caseConsents.expires", { date: day(language, c.expiresAt) })}</p> : null}
      <p>
        {recorder
          ? t("caseConsents.recordedBy", { name: recorder, date: recorded })
          : t("caseConsents.recordedBySomeone", { date: recorded })}
      </p>
      <p>{t("caseConsents.legalBasis")}</p>
      {c.active && !c.withdrawal ? (
        asking ? (
          <WithdrawConfirm
            id={c.id}
            text={t("caseConsents.withdrawConfirm", { purpose, recipients })}
            busy={busy}
            onCancel={() => onAsk(false)}
            onConfirm={onWithdraw}
          />
        ) : (
          <p>
            <button
              type="button"
              className="button"
              aria-label={t("caseConsents.withdrawLabel", { purpose, recipients })}
              onClick={() => onAsk(true)}
            >
              {t("caseConsents.withdraw")}
            </button>
          </p>
        )
      ) : null}
    </li>
  );
}

/** Asked before the withdrawal is recorded: how the person withdrew (it goes into the log with it). */
function WithdrawConfirm({
  id,
  text,
  busy,
  onCancel,
  onConfirm,
}: {
  id: string;
  text: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (method: Method) => Promise<void>;
}) {
  const { t } = useT();
  const [method, setMethod] = useState<Method>("verbal");
  return (
    <div className="notice notice--warn">
      <p>{text}</p>
      <fieldset className="fieldset">
        <legend>{t("caseConsents.withdrawMethod")}</legend>
        {CONSENT_METHODS.map((m) => (
          <div className="checkbox-field" key={m}>
            <input
              id={`withdraw-${id}-${m}`}
              type="radio"
              name={`withdraw-${id}`}
              checked={method === m}
              onChange={() => setMethod(m)}
            />
            <label htmlFor={`withdraw-${id}-${m}`}>{t(`recordConsent.method.${m}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void onConfirm(method)}
        >
          {t("caseConsents.withdrawYes")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("caseConsents.cancel")}
        </button>
      </div>
    </div>
  );
}
