// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView, TopicView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

export type StateFilter = "" | CaseView["state"];
export interface Filters {
  state: StateFilter;
  teamId: string;
  topicId: string;
}
const STATES: CaseView["state"][] = ["new", "active", "closed", "archived"];

/** State, team and topic filters of the inbox; teams are the ones seen in answers so far. */
export function InboxFilters({
  filters,
  onChange,
  teams,
  topics,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  teams: ReadonlyMap<string, string>;
  topics: readonly TopicView[];
}) {
  const { t } = useT();
  return (
    <fieldset className="fieldset inbox-filters">
      <legend>{t("inbox.filters")}</legend>
      <div className="field">
        <label htmlFor="inbox-state">{t("inbox.stateFilter")}</label>
        <select
          id="inbox-state"
          value={filters.state}
          onChange={(e) => onChange({ ...filters, state: e.target.value as StateFilter })}
        >
          <option value="">{t("inbox.any")}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`caseState.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="inbox-team">{t("inbox.teamFilter")}</label>
        <select
          id="inbox-team"
          value={filters.teamId}
          onChange={(e) => onChange({ ...filters, teamId: e.target.value })}
        >
          <option value="">{t("inbox.any")}</option>
          {[...teams].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="inbox-topic">{t("inbox.topicFilter")}</label>
        <select
          id="inbox-topic"
          value={filters.topicId}
          onChange={(e) => onChange({ ...filters, topicId: e.target.value })}
        >
          <option value="">{t("inbox.any")}</option>
          {topics.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
