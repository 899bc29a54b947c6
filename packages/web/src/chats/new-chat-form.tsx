// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { useAction } from "../api/use-action";
import { Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { useT } from "../i18n/use-t";
import { MAX_TITLE_CHARS, publishFirstChatEpoch } from "./chat-keys";
import { createConversation, setConversationTitle } from "./endpoints";
import type { ChatSummary, ChatTeam, Colleague } from "./use-chats";

/**
 * "Neuer Chat": a direct chat with a colleague of the organisation (searched by the name they chose or their login
 * name), or a team chat with everyone of a team I belong to.
 * The chat's first epoch is made here, in the creator's browser, for exactly its members (chat-keys.ts).
 */
export function NewChatForm({
  staff,
  teams,
  colleagues,
  chats,
  onOpen,
}: {
  staff: Ready;
  teams: ChatTeam[];
  colleagues: Colleague[];
  chats: ChatSummary[];
  onOpen: (id: string) => Promise<void>;
}) {
  const { t } = useT();
  const [kind, setKind] = useState<"direct" | "team">("direct");
  const [search, setSearch] = useState("");
  const others = colleagues.filter((c) => c.accountId !== staff.accountId);
  const wanted = search.trim().toLocaleLowerCase();
  // Found by the name they chose or by their login name; shown as "name (login)" so two of one name differ.
  const people = others
    .filter((c) => wanted === "" || `${c.name} ${c.username}`.toLocaleLowerCase().includes(wanted))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c): [string, string] => [c.accountId, c.name === c.username ? c.name : `${c.name} (${c.username})`]);
  const [person, setPerson] = useState("");
  const [teamId, setTeamId] = useState("");
  const [title, setTitle] = useState("");
  const chosenPerson = people.some(([id]) => id === person) ? person : (people[0]?.[0] ?? "");
  const chosenTeam = teams.find((team) => team.id === (teamId || teams[0]?.id)) ?? null;

  const create = useAction(async (memberIds: string[]) => {
    const { messaging } = staff;
    const existing =
      kind === "direct" ? chats.find((c) => c.kind === "direct" && c.memberIds.includes(memberIds[0]!)) : undefined;
    if (existing) return onOpen(existing.id);
    const { conversation } = await messaging.api.request(createConversation, { body: { kind, memberIds } });
    const { titleEnvelope } = await publishFirstChatEpoch({
      api: messaging.api,
      orgLogs: messaging.orgLogs,
      organisationId: staff.orgId,
      conversationId: conversation.id,
      memberIds: [staff.accountId, ...memberIds],
      signer: messaging.keys.signing,
      ...(kind === "team" ? { title } : {}),
    });
    if (titleEnvelope)
      await messaging.api.request(setConversationTitle, {
        params: { id: conversation.id },
        body: { envelope: titleEnvelope },
      });
    setTitle("");
    await onOpen(conversation.id);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.pending) return;
    if (kind === "direct" && chosenPerson) void create.run([chosenPerson]);
    if (kind === "team" && chosenTeam) {
      const others = chosenTeam.members.map((m) => m.accountId).filter((id) => id !== staff.accountId);
      if (others.length > 0) void create.run(others);
    }
  };

  const teamAlone = kind === "team" && chosenTeam !== null && chosenTeam.members.length < 2;
  const nobody = kind === "direct" ? others.length === 0 : teams.length === 0;
  const noMatch = kind === "direct" && !nobody && people.length === 0;

  return (
    <Section title={t("chats.new.title")}>
      <form className="staff-form" onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>{t("chats.new.kind")}</legend>
          <div className="checkbox-field">
            <input
              type="radio"
              id="chat-kind-direct"
              name="chat-kind"
              checked={kind === "direct"}
              onChange={() => setKind("direct")}
            />
            <label htmlFor="chat-kind-direct">{t("chats.new.direct")}</label>
          </div>
          <div className="checkbox-field">
            <input
              type="radio"
              id="chat-kind-team"
              name="chat-kind"
              checked={kind === "team"}
              onChange={() => setKind("team")}
            />
            <label htmlFor="chat-kind-team">{t("chats.new.team")}</label>
          </div>
        </fieldset>
        {kind === "direct" && others.length > 0 ? (
          <div className="field">
            <label htmlFor="chat-search">{t("chats.new.search")}</label>
            <input id="chat-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        ) : null}
        {noMatch ? <p role="status">{t("chats.new.noMatch")}</p> : null}
        {kind === "direct" && people.length > 0 ? (
          <div className="field">
            <label htmlFor="chat-person">{t("chats.new.person")}</label>
            <select id="chat-person" value={chosenPerson} onChange={(e) => setPerson(e.target.value)}>
              {people.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {kind === "team" && teams.length > 0 ? (
          <div className="field">
            <label htmlFor="chat-team">{t("chats.new.teamField")}</label>
            <select id="chat-team" value={chosenTeam?.id ?? ""} onChange={(e) => setTeamId(e.target.value)}>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {kind === "team" && teams.length > 0 ? (
          <div className="field">
            <label htmlFor="chat-title">{t("chats.new.titleField")}</label>
            <p className="field__hint" id="chat-title-hint">
              {t("chats.new.titleHint")}
            </p>
            <input
              id="chat-title"
              type="text"
              value={title}
              maxLength={MAX_TITLE_CHARS}
              aria-describedby="chat-title-hint"
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
        ) : null}
        {nobody ? <p>{kind === "direct" ? t("chats.new.noColleagues") : t("chats.new.noTeams")}</p> : null}
        {teamAlone ? <p>{t("chats.new.teamAlone")}</p> : null}
        {create.error ? (
          <p className="notice notice--error" role="alert">
            {t("chats.new.failed", { code: create.error })}
          </p>
        ) : null}
        <p>
          <button type="submit" className="button" aria-disabled={create.pending || nobody || noMatch || teamAlone}>
            {create.pending ? t("chats.new.starting") : t("chats.new.start")}
          </button>
        </p>
      </form>
    </Section>
  );
}
