// SPDX-License-Identifier: AGPL-3.0-or-later
import { type FormEvent, useId, useState } from "react";
import { useAction } from "../api/use-action";
import type { Ready } from "../counsellor/case-types";
import { useT } from "../i18n/use-t";
import { addChatMembers } from "./chat-keys";
import { removeConversationMember } from "./endpoints";
import type { ChatSummary, Colleague } from "./use-chats";

/**
 * A chat's members (issue #16, ADR 0040). In a team chat its creator — and a member who is an administrator or
 * leads a team (`manages`) — adds colleagues (this browser wraps the chat's current key to them: they read from
 * that key on) and removes anyone but the creator (the next message gets a key without them); any other member
 * may leave. The server decides the same (`chat.members`); these controls only hide what it would refuse.
 */
export function ChatMembers({
  staff,
  chat,
  members,
  iOwn,
  manages,
  colleagues,
  nameOf,
  onChanged,
  onLeft,
}: {
  staff: Ready;
  chat: ChatSummary;
  members: readonly { accountId: string; role: string }[];
  iOwn: boolean;
  manages: boolean;
  colleagues: readonly Colleague[];
  nameOf: (accountId: string) => string;
  /** The member list changed (reload it, and the chat list). */
  onChanged: () => Promise<void>;
  onLeft: () => void;
}) {
  const { t } = useT();
  const { messaging } = staff;
  const team = chat.kind === "team";
  const mayChange = team && (iOwn || manages);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const removal = useAction(async (accountId: string) => {
    await messaging.api.request(removeConversationMember, { params: { id: chat.id, accountId } });
    setConfirming(null);
    setDone(t("chats.members.removed", { name: nameOf(accountId) }));
    await onChanged();
  });

  const addId = useId();
  const current = new Set(members.map((m) => m.accountId));
  const addable = colleagues
    .filter((c) => !current.has(c.accountId) && c.accountId !== staff.accountId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState("");
  const newcomer = addable.some((c) => c.accountId === chosen) ? chosen : (addable[0]?.accountId ?? "");
  const adding = useAction(async (accountId: string) => {
    await addChatMembers({
      api: messaging.api,
      orgLogs: messaging.orgLogs,
      organisationId: staff.orgId,
      conversationId: chat.id,
      registry: messaging.epochs,
      encryptionSecretKey: messaging.keys.encryption.secretKey,
      accountIds: [accountId],
    });
    setDone(t("chats.members.added", { name: nameOf(accountId) }));
    await onChanged();
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!adding.pending && newcomer) void adding.run(newcomer);
  };

  const mayLeave = team && !iOwn;
  const [leaving, setLeaving] = useState(false);
  const leave = useAction(async () => {
    await messaging.api.request(removeConversationMember, { params: { id: chat.id, accountId: staff.accountId } });
    onLeft();
  });

  return (
    <>
      <h3 id="chat-members-heading">{t("chats.members.title")}</h3>
      <ul className="chats__members" aria-labelledby="chat-members-heading">
        {members.map((m) => (
          <li key={m.accountId}>
            <span>
              {nameOf(m.accountId)}
              {m.role === "owner" ? ` (${t("chats.members.creator")})` : ""}
            </span>
            {mayChange && m.accountId !== staff.accountId && m.role !== "owner" ? (
              confirming === m.accountId ? (
                <span className="chats__confirm">
                  <span>{t("chats.members.confirm", { name: nameOf(m.accountId) })}</span>
                  <button
                    type="button"
                    className="button"
                    aria-disabled={removal.pending}
                    onClick={() => void removal.run(m.accountId)}
                  >
                    {t("chats.members.confirmRemove", { name: nameOf(m.accountId) })}
                  </button>
                  <button type="button" className="button button--link" onClick={() => setConfirming(null)}>
                    {t("chats.members.cancel")}
                  </button>
                </span>
              ) : (
                <button type="button" className="button" onClick={() => setConfirming(m.accountId)}>
                  {t("chats.members.remove", { name: nameOf(m.accountId) })}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {removal.error ? (
        <p className="notice notice--error" role="alert">
          {t("chats.members.removeFailed", { code: removal.error })}
        </p>
      ) : null}
      {mayChange && addable.length > 0 ? (
        <form className="chats__add" onSubmit={add}>
          <div className="field">
            <label htmlFor={addId}>{t("chats.members.addField")}</label>
            <p className="field__hint" id={`${addId}-hint`}>
              {t("chats.members.addHint")}
            </p>
            <select
              id={addId}
              value={newcomer}
              aria-describedby={`${addId}-hint`}
              onChange={(e) => setChosen(e.target.value)}
            >
              {addable.map((c) => (
                <option key={c.accountId} value={c.accountId}>
                  {c.name === c.username ? c.name : `${c.name} (${c.username})`}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" className="button" aria-disabled={adding.pending}>
              {adding.pending ? t("chats.members.adding") : t("chats.members.add")}
            </button>
          </p>
        </form>
      ) : null}
      {adding.error ? (
        <p className="notice notice--error" role="alert">
          {t("chats.members.addFailed", { code: adding.error })}
        </p>
      ) : null}
      <p role="status">{done ?? ""}</p>
      {mayLeave ? (
        <p className="chats__confirm">
          {leaving ? (
            <>
              <span>{t("chats.leave.confirm")}</span>
              <button type="button" className="button" aria-disabled={leave.pending} onClick={() => void leave.run()}>
                {t("chats.leave.confirmLeave")}
              </button>
              <button type="button" className="button button--link" onClick={() => setLeaving(false)}>
                {t("chats.members.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setLeaving(true)}>
              {t("chats.leave.button")}
            </button>
          )}
        </p>
      ) : null}
      {leave.error ? (
        <p className="notice notice--error" role="alert">
          {t("chats.leave.failed", { code: leave.error })}
        </p>
      ) : null}
    </>
  );
}
