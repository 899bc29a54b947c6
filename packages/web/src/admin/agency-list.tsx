// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyAdminView, OrgTopicView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

/** The organisation's agencies as cards, each with an edit button. */
export function AgencyList({
  agencies,
  topics,
  onEdit,
}: {
  agencies: AgencyAdminView[] | null;
  topics: OrgTopicView[];
  onEdit: (agency: AgencyAdminView) => void;
}) {
  const { t } = useT();
  return (
    <section className="section" aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">{t("admin.agencies.listHeading")}</h2>
      {agencies === null ? <p>{t("admin.loading")}</p> : null}
      {agencies?.length === 0 ? <p>{t("admin.agencies.none")}</p> : null}
      <ul className="admin-list">
        {(agencies ?? []).map((a) => (
          <li key={a.id} className="admin-card">
            <h3>{a.name}</h3>
            <dl className="admin-facts">
              <dt>{t("admin.agencies.address")}</dt>
              <dd>{a.address ?? "–"}</dd>
              <dt>{t("admin.agencies.postcodes")}</dt>
              <dd>{a.postcodes.join(", ") || "–"}</dd>
              <dt>{t("admin.agencies.topics")}</dt>
              <dd>{a.topicIds.map((id) => topics.find((x) => x.id === id)?.name ?? id).join(", ") || "–"}</dd>
              <dt>{t("admin.agencies.online")}</dt>
              <dd>{a.onlineAnywhere ? t("admin.yes") : t("admin.no")}</dd>
            </dl>
            <button
              type="button"
              className="button"
              aria-label={t("admin.agencies.editLabel", { name: a.name })}
              onClick={() => onEdit(a)}
            >
              {t("admin.agencies.edit")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
