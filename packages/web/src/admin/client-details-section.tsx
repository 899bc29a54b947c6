// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { CheckboxField } from "../account/checkbox-field";
import { useT } from "../i18n/use-t";
import { clientDetailQuestions, putClientDetailQuestions } from "../reports/client-details-endpoints";
import type { AdminContext } from "./admin-context";
import { StatusMessage, useStatusAction } from "./admin-status";
import { useSeed } from "./use-seed";

/**
 * Voluntary client details (ADR 0050): whether clients are asked for an age
 * band and/or gender for the yearly statistics. Off by default; clients may
 * always leave them at "keine Angabe".
 */
export function ClientDetailsSection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(clientDetailQuestions, { params: { orgId }, signal }), [api, orgId]);
  const [ageBand, setAgeBand] = useState(false);
  const [gender, setGender] = useState(false);
  const { status, run } = useStatusAction();
  useSeed(data.kind === "ready" ? data.value : undefined, (q) => {
    setAgeBand(q.ageBand);
    setGender(q.gender);
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(t("admin.working"), t("statistics.questions.saved"), async () => {
      data.set(await api.request(putClientDetailQuestions, { params: { orgId }, body: { ageBand, gender } }));
    });
  };
  return (
    <section className="section" aria-labelledby="client-details-heading">
      <h2 id="client-details-heading">{t("statistics.questions.title")}</h2>
      <p>{t("statistics.questions.lead")}</p>
      <StatusMessage status={status} />
      <form className="form" onSubmit={save}>
        <fieldset className="fieldset">
          <legend>{t("statistics.questions.legend")}</legend>
          <CheckboxField
            id="ask-age-band"
            label={t("statistics.questions.ageBand")}
            checked={ageBand}
            onChecked={setAgeBand}
          />
          <CheckboxField
            id="ask-gender"
            label={t("statistics.questions.gender")}
            checked={gender}
            onChecked={setGender}
          />
        </fieldset>
        <button type="submit" className="button" disabled={data.kind !== "ready"}>
          {t("statistics.questions.save")}
        </button>
      </form>
    </section>
  );
}
