// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrgTopicView } from "@obhut/protocol";
import type { FormEvent } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import type { AgencyDraft } from "./agency-draft";

type SetField = <K extends keyof AgencyDraft>(key: K, value: AgencyDraft[K]) => void;

/** Creates an agency, or edits the one chosen in the list (then with a cancel button). */
export function AgencyForm({
  draft,
  set,
  topics,
  editing,
  onSubmit,
  onCancel,
}: {
  draft: AgencyDraft;
  set: SetField;
  topics: OrgTopicView[];
  editing: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  return (
    <section className="section" aria-labelledby="agency-form-heading">
      <h2 id="agency-form-heading">{editing ? t("admin.agencies.editHeading") : t("admin.agencies.createHeading")}</h2>
      <form className="form" onSubmit={onSubmit}>
        <TextField
          id="agency-name"
          label={t("admin.agencies.name")}
          value={draft.name}
          onValue={(v) => set("name", v)}
          required
          maxLength={200}
        />
        <TextField
          id="agency-address"
          label={t("admin.agencies.address")}
          value={draft.address}
          onValue={(v) => set("address", v)}
          maxLength={300}
        />
        <TextField
          id="agency-postcodes"
          label={t("admin.agencies.postcodes")}
          hint={t("admin.agencies.postcodesHint")}
          value={draft.postcodes}
          onValue={(v) => set("postcodes", v)}
          inputMode="numeric"
        />
        <TopicChoice topics={topics} chosen={draft.topicIds} onChange={(ids) => set("topicIds", ids)} />
        <TextField
          id="agency-languages"
          label={t("admin.agencies.languages")}
          hint={t("admin.agencies.languagesHint")}
          value={draft.languages}
          onValue={(v) => set("languages", v)}
        />
        <TextField
          id="agency-hours"
          label={t("admin.agencies.hours")}
          value={draft.openingHours}
          onValue={(v) => set("openingHours", v)}
          maxLength={500}
        />
        <div className="checkbox-field">
          <input
            id="agency-online"
            type="checkbox"
            checked={draft.onlineAnywhere}
            onChange={(e) => set("onlineAnywhere", e.target.checked)}
          />
          <label htmlFor="agency-online">{t("admin.agencies.onlineLabel")}</label>
        </div>
        <GreetingField
          id="agency-greeting"
          label={t("admin.agencies.greeting")}
          hint={t("admin.agencies.greetingHint")}
          value={draft.greeting}
          onChange={(value) => set("greeting", value)}
        />
        <GreetingField
          id="agency-greeting-informal"
          label={t("admin.agencies.greetingInformal")}
          hint={t("admin.agencies.greetingInformalHint")}
          value={draft.greetingInformal}
          onChange={(value) => set("greetingInformal", value)}
        />
        <div className="actions">
          <button type="submit" className="button button--primary">
            {editing ? t("admin.agencies.save") : t("admin.agencies.create")}
          </button>
          {editing ? (
            <button type="button" className="button" onClick={onCancel}>
              {t("admin.users.cancel")}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function TopicChoice({
  topics,
  chosen,
  onChange,
}: {
  topics: OrgTopicView[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useT();
  return (
    <fieldset className="fieldset">
      <legend>{t("admin.agencies.topics")}</legend>
      {topics.length === 0 ? <p>{t("admin.agencies.noTopics")}</p> : null}
      {topics.map((topic) => (
        <div className="checkbox-field" key={topic.id}>
          <input
            id={`agency-topic-${topic.id}`}
            type="checkbox"
            checked={chosen.includes(topic.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, topic.id] : chosen.filter((x) => x !== topic.id))}
          />
          <label htmlFor={`agency-topic-${topic.id}`}>{topic.name}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A greeting as clients see it after their first message (plaintext, at most 1,000 characters). */
function GreetingField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <p id={`${props.id}-hint`} className="field__hint">
        {props.hint}
      </p>
      <textarea
        id={props.id}
        rows={4}
        maxLength={1000}
        aria-describedby={`${props.id}-hint`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
