// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, useStatusAction } from "./admin-status";
import { type AgencyDraft, EMPTY_DRAFT, toDraft, toInput } from "./agency-draft";
import { AgencyForm } from "./agency-form";
import { AgencyList } from "./agency-list";
import { createAgency, createTopic, listAgencies, updateAgency } from "./endpoints";
import { TopicSection } from "./topic-section";

/** Agencies as the finder shows them: create and edit; topics of the organisation. */
export function AgenciesPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.agencies.title")} lead={t("admin.agencies.lead")}>
      {(admin) => <Agencies admin={admin} />}
    </AdminPage>
  );
}

function Agencies({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad((signal) => api.request(listAgencies, { params: { orgId }, signal }), [api, orgId]);
  // A failed first load shows an empty list rather than "loading" for ever.
  const agencies = data.kind === "ready" ? data.value.agencies : data.kind === "failed" ? [] : null;
  const topics = data.kind === "ready" ? data.value.topics : [];
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<AgencyDraft>(EMPTY_DRAFT);
  const { status, run } = useStatusAction();

  const set = <K extends keyof AgencyDraft>(key: K, value: AgencyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const stopEditing = () => {
    setEditing(null);
    setDraft(EMPTY_DRAFT);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(t("admin.working"), t("admin.agencies.saved", { name: draft.name }), async () => {
      if (editing) await api.request(updateAgency, { params: { orgId, agencyId: editing }, body: toInput(draft) });
      else await api.request(createAgency, { params: { orgId }, body: toInput(draft) });
      await data.reload();
    });
    if (ok) stopEditing();
  };

  const addTopic = (name: string, slug: string) =>
    run(t("admin.working"), t("admin.agencies.topicAdded", { name }), async () => {
      await api.request(createTopic, {
        params: { orgId },
        body: { slug: slug.trim(), name: name.trim(), addressForm: "formal" },
      });
      await data.reload();
    });

  return (
    <>
      <StatusMessage status={status} />
      <AgencyList
        agencies={agencies}
        topics={topics}
        onEdit={(a) => {
          setEditing(a.id);
          setDraft(toDraft(a));
          document.getElementById("agency-name")?.focus();
        }}
      />
      <AgencyForm
        draft={draft}
        set={set}
        topics={topics}
        editing={editing !== null}
        onSubmit={(e) => void save(e)}
        onCancel={stopEditing}
      />
      <TopicSection onAdd={addTopic} />
    </>
  );
}
