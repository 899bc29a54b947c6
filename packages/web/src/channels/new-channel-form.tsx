// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelAudience } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useAction } from "../api/use-action";
import { publishFirstChatEpoch } from "../chats/chat-keys";
import type { Colleague } from "../chats/use-chats";
import { Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { useT } from "../i18n/use-t";
import { createChannel } from "./endpoints";

/** Longest channel name (the protocol's ChannelName). */
const MAX_NAME = 120;

/**
 * "Neuer Kanal" (administrators and team leads): a name, staff only or for the organisation's clients, and the
 * colleagues who post besides the creator. The channel's first epoch is made here, in the creator's browser, for
 * exactly its owners (chat-keys.ts `publishFirstChatEpoch`); subscribers are caught up later (channel-keys.ts).
 */
export function NewChannelForm({
  staff,
  colleagues,
  onCreated,
}: {
  staff: Ready;
  colleagues: Colleague[];
  onCreated: (id: string) => Promise<void>;
}) {
  const { t } = useT();
  const [name, setName] = useState("");
  const [audience, setAudience] = useState<ChannelAudience>("staff");
  const [owners, setOwners] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const others = colleagues.filter((c) => c.accountId !== staff.accountId).sort((a, b) => a.name.localeCompare(b.name));

  const create = useAction(async () => {
    const { messaging } = staff;
    const { channel } = await messaging.api.request(createChannel, {
      params: { orgId: staff.orgId },
      body: { name: name.trim(), audience, ownerIds: owners },
    });
    await publishFirstChatEpoch({
      api: messaging.api,
      orgLogs: messaging.orgLogs,
      organisationId: staff.orgId,
      conversationId: channel.id,
      memberIds: [staff.accountId, ...owners],
      signer: messaging.keys.signing,
    });
    setName("");
    setOwners([]);
    await onCreated(channel.id);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.pending) return;
    if (name.trim() === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    void create.run();
  };

  return (
    <Section title={t("channels.new.title")}>
      <form className="staff-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="channel-name">{t("channels.new.name")}</label>
          <input
            id="channel-name"
            type="text"
            value={name}
            maxLength={MAX_NAME}
            aria-invalid={missing ? "true" : undefined}
            aria-describedby={missing ? "channel-name-error" : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {missing ? (
            <p className="field__error" id="channel-name-error">
              {t("channels.new.nameMissing")}
            </p>
          ) : null}
        </div>
        <fieldset className="fieldset">
          <legend>{t("channels.new.audience")}</legend>
          {(["staff", "clients"] as const).map((value) => (
            <div className="checkbox-field" key={value}>
              <input
                type="radio"
                id={`channel-audience-${value}`}
                name="channel-audience"
                checked={audience === value}
                onChange={() => setAudience(value)}
              />
              <label htmlFor={`channel-audience-${value}`}>{t(`channels.new.audience_${value}`)}</label>
            </div>
          ))}
        </fieldset>
        {audience === "clients" ? <p>{t("channels.new.clientsHint")}</p> : null}
        {others.length > 0 ? (
          <fieldset className="fieldset">
            <legend>{t("channels.new.owners")}</legend>
            {others.map((c) => (
              <div className="checkbox-field" key={c.accountId}>
                <input
                  type="checkbox"
                  id={`channel-owner-${c.accountId}`}
                  checked={owners.includes(c.accountId)}
                  onChange={(e) =>
                    setOwners((current) =>
                      e.target.checked ? [...current, c.accountId] : current.filter((id) => id !== c.accountId),
                    )
                  }
                />
                <label htmlFor={`channel-owner-${c.accountId}`}>
                  {c.name === c.username ? c.name : `${c.name} (${c.username})`}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        {create.error ? (
          <p className="notice notice--error" role="alert">
            {t("channels.new.failed", { code: create.error })}
          </p>
        ) : null}
        <p>
          <button type="submit" className="button" aria-disabled={create.pending}>
            {create.pending ? t("channels.new.creating") : t("channels.new.create")}
          </button>
        </p>
      </form>
    </Section>
  );
}
