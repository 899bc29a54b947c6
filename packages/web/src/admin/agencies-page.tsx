// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyAdminView, AgencyInput, OrgTopicView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { type AdminContext, AdminPage, StatusMessage, useAction } from "./admin-shell";
import { createAgency, createTopic, listAgencies, updateAgency } from "./endpoints";

/** Agencies as the finder shows them: create and edit; topics of the organisation. */
export function AgenciesPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.agencies.title")} lead={t("admin.agencies.lead")}>
      {(admin) => <Agencies admin={admin} />}
    </AdminPage>
  );
}

interface Draft {
  name: string;
  address: string;
  postcodes: string;
  topicIds: string[];
  languages: string;
  openingHours: string;
  onlineAnywhere: boolean;
  greeting: string;
}

const EMPTY: Draft = {
  name: "",
  address: "",
  postcodes: "",
  topicIds: [],
  languages: "de",
  openingHours: "",
  onlineAnywhere: false,
  greeting: "",
};

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const toDraft = (a: AgencyAdminView): Draft => ({
  name: a.name,
  address: a.address ?? "",
  postcodes: a.postcodes.join(", "),
  topicIds: a.topicIds,
  languages: a.languages.join(", "),
  openingHours: a.openingHours ?? "",
  onlineAnywhere: a.onlineAnywhere,
  greeting: a.greeting ?? "",
});

const toInput = (d: Draft): AgencyInput => ({
  name: d.name.trim(),
  address: d.address.trim() || null,
  postcodes: list(d.postcodes),
  topicIds: d.topicIds,
  languages: list(d.languages).map((l) => l.toLowerCase()),
  openingHours: d.openingHours.trim() || null,
  onlineAnywhere: d.onlineAnywhere,
  greeting: d.greeting.trim() || null,
});

function Agencies({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const [agencies, setAgencies] = useState<AgencyAdminView[] | null>(null);
  const [topics, setTopics] = useState<OrgTopicView[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [topicName, setTopicName] = useState("");
  const [topicSlug, setTopicSlug] = useState("");
  const [status, run] = useAction();

  const load = useCallback(async () => {
    const res = await api.request(listAgencies, { params: { orgId } });
    setAgencies(res.agencies);
    setTopics(res.topics);
  }, [api, orgId]);

  useEffect(() => {
    void load().catch(() => setAgencies([]));
  }, [load]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(t("admin.working"), t("admin.agencies.saved", { name: draft.name }), async () => {
      if (editing) await api.request(updateAgency, { params: { orgId, agencyId: editing }, body: toInput(draft) });
      else await api.request(createAgency, { params: { orgId }, body: toInput(draft) });
      await load();
    });
    if (ok) {
      setEditing(null);
      setDraft(EMPTY);
    }
  };

  const addTopic = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(t("admin.working"), t("admin.agencies.topicAdded", { name: topicName }), async () => {
      await api.request(createTopic, {
        params: { orgId },
        body: { slug: topicSlug.trim(), name: topicName.trim(), addressForm: "formal" },
      });
      await load();
    });
    if (ok) {
      setTopicName("");
      setTopicSlug("");
    }
  };

  return (
    <>
      <StatusMessage status={status} />
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
                onClick={() => {
                  setEditing(a.id);
                  setDraft(toDraft(a));
                  document.getElementById("agency-name")?.focus();
                }}
              >
                {t("admin.agencies.edit")}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="agency-form-heading">
        <h2 id="agency-form-heading">
          {editing ? t("admin.agencies.editHeading") : t("admin.agencies.createHeading")}
        </h2>
        <form className="form" onSubmit={(e) => void save(e)}>
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
          <fieldset className="fieldset">
            <legend>{t("admin.agencies.topics")}</legend>
            {topics.length === 0 ? <p>{t("admin.agencies.noTopics")}</p> : null}
            {topics.map((topic) => (
              <div className="checkbox-field" key={topic.id}>
                <input
                  id={`agency-topic-${topic.id}`}
                  type="checkbox"
                  checked={draft.topicIds.includes(topic.id)}
                  onChange={(e) =>
                    set(
                      "topicIds",
                      e.target.checked ? [...draft.topicIds, topic.id] : draft.topicIds.filter((x) => x !== topic.id),
                    )
                  }
                />
                <label htmlFor={`agency-topic-${topic.id}`}>{topic.name}</label>
              </div>
            ))}
          </fieldset>
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
          <div className="field">
            <label htmlFor="agency-greeting">{t("admin.agencies.greeting")}</label>
            <p id="agency-greeting-hint" className="field__hint">
              {t("admin.agencies.greetingHint")}
            </p>
            <textarea
              id="agency-greeting"
              rows={4}
              maxLength={1000}
              aria-describedby="agency-greeting-hint"
              value={draft.greeting}
              onChange={(e) => set("greeting", e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button--primary">
              {editing ? t("admin.agencies.save") : t("admin.agencies.create")}
            </button>
            {editing ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setEditing(null);
                  setDraft(EMPTY);
                }}
              >
                {t("admin.users.cancel")}
              </button>
            ) : null}
          </div>
        </form>
      </section>

      <section className="section" aria-labelledby="topic-heading">
        <h2 id="topic-heading">{t("admin.agencies.topicHeading")}</h2>
        <form className="form" onSubmit={(e) => void addTopic(e)}>
          <TextField
            id="topic-name"
            label={t("admin.agencies.topicName")}
            value={topicName}
            onValue={setTopicName}
            required
            maxLength={120}
          />
          <TextField
            id="topic-slug"
            label={t("admin.agencies.topicSlug")}
            hint={t("admin.agencies.topicSlugHint")}
            value={topicSlug}
            onValue={setTopicSlug}
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            maxLength={40}
          />
          <button type="submit" className="button">
            {t("admin.agencies.topicAdd")}
          </button>
        </form>
      </section>
    </>
  );
}
