// SPDX-License-Identifier: AGPL-3.0-or-later
import { AgeBand, Gender, type ClientDetailsAnswer, type MyClientDetails } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import type { useTFor } from "../counselling/use-t-for";
import type { MessagingSession } from "../messaging/session";
import { myClientDetails, putMyClientDetails } from "../reports/client-details-endpoints";

type TFn = ReturnType<typeof useTFor>["t"];
type Org = MyClientDetails["organisations"][number];

/**
 * Voluntary details for the statistics (ADR 0050): shown only where an
 * organisation the client has a case with asks them. "keine Angabe" is the
 * default; the client changes or clears them here at any time. The page
 * says that the server keeps them (not end-to-end encrypted).
 */
export function DetailsSection({ messaging, t }: { messaging: MessagingSession; t: TFn }) {
  const data = useLoad((signal) => messaging.api.request(myClientDetails, { signal }), [messaging]);
  if (data.kind !== "ready" || data.value.organisations.length === 0) return null;
  return (
    <Section title={t("clientDetails.title")}>
      <p>{t("clientDetails.intro")}</p>
      <p>{t("clientDetails.serverNote")}</p>
      {data.value.organisations.map((org) => (
        <OrgDetails key={org.organisationId} messaging={messaging} org={org} t={t} />
      ))}
    </Section>
  );
}

function OrgDetails({ messaging, org, t }: { messaging: MessagingSession; org: Org; t: TFn }) {
  const [answer, setAnswer] = useState<ClientDetailsAnswer>(org.answer);
  const save = useAction(async (next: ClientDetailsAnswer) => {
    const saved = await messaging.api.request(putMyClientDetails, {
      params: { orgId: org.organisationId },
      body: next,
    });
    setAnswer(saved);
    return saved.ageBand === null && saved.gender === null ? t("clientDetails.cleared") : t("clientDetails.saved");
  });
  const id = (name: string) => `details-${org.organisationId}-${name}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(answer);
  };
  return (
    <form className="form" onSubmit={submit}>
      <fieldset className="fieldset">
        <legend>{t("clientDetails.legend", { organisation: org.organisationName })}</legend>
        {org.questions.ageBand ? (
          <div className="field">
            <label htmlFor={id("age")}>{t("clientDetails.ageBand")}</label>
            <select
              id={id("age")}
              value={answer.ageBand ?? ""}
              onChange={(e) =>
                setAnswer((a) => ({ ...a, ageBand: e.target.value === "" ? null : AgeBand.parse(e.target.value) }))
              }
            >
              <option value="">{t("clientDetails.notStated")}</option>
              {AgeBand.options.map((band) => (
                <option key={band} value={band}>
                  {t(`clientDetails.ages.${band}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {org.questions.gender ? (
          <div className="field">
            <label htmlFor={id("gender")}>{t("clientDetails.gender")}</label>
            <select
              id={id("gender")}
              value={answer.gender ?? ""}
              onChange={(e) =>
                setAnswer((a) => ({ ...a, gender: e.target.value === "" ? null : Gender.parse(e.target.value) }))
              }
            >
              <option value="">{t("clientDetails.notStated")}</option>
              {Gender.options.map((g) => (
                <option key={g} value={g}>
                  {t(`clientDetails.genders.${g}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {t("clientDetails.save")}
        </button>
        <button
          type="button"
          className="button"
          disabled={save.pending || (answer.ageBand === null && answer.gender === null)}
          onClick={() => {
            const cleared = { ageBand: null, gender: null };
            setAnswer(cleared);
            void save.run(cleared);
          }}
        >
          {t("clientDetails.clear")}
        </button>
      </div>
      <p className={save.error || save.result ? "notice" : "visually-hidden"} role="status">
        {save.error ? t("clientDetails.failed", { code: save.error }) : (save.result ?? "")}
      </p>
    </form>
  );
}
