// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelView as Channel } from "@obhut/protocol";
import { useCallback, useMemo, useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { useDirectory } from "../chats/use-chats";
import { Page, Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { listTeams } from "../counsellor/endpoints";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { StaffGate } from "../staff/staff-gate";
import { ChannelPanel } from "./channel-view";
import { listChannels, subscribeChannel, unsubscribeChannel } from "./endpoints";
import { NewChannelForm } from "./new-channel-form";
import "../counsellor/counsellor.css";
import "../chats/chats.css";

/**
 * /channels — "Kanäle" in the staff shell (issue #16, ADR 0037): the organisation's broadcast channels. Owners
 * post, subscribers read; colleagues subscribe to a channel here, clients in "Meine Beratungen" (client-facing
 * channels only). Administrators and team leads create channels. End-to-end encrypted (channel-keys.ts).
 */
export function ChannelsPage() {
  const { t } = useT();
  return <StaffGate title={t("channels.title")}>{(staff) => <ChannelsScreen staff={staff} />}</StaffGate>;
}

function ChannelsScreen({ staff }: { staff: Ready }) {
  const { t } = useT();
  const session = useSession();
  const { api } = staff.messaging;
  const channels = useLoad(
    async (signal) => (await api.request(listChannels, { params: { orgId: staff.orgId }, signal })).channels,
    [api, staff.orgId],
  );
  const directory = useDirectory(staff);
  // Administrators, and counsellors who lead a team, create channels (the server decides: channel.create).
  const teams = useLoad(
    async (signal) => (await api.request(listTeams, { params: { orgId: staff.orgId }, signal })).teams,
    [api, staff.orgId],
  );
  const mayCreate =
    session?.account.role === "org_admin" ||
    (teams.kind === "ready" && teams.value.some((team) => team.myRole === "lead"));
  const colleagues = directory.kind === "ready" ? directory.value.colleagues : [];
  const names = useMemo(() => new Map(colleagues.map((c) => [c.accountId, c.name])), [colleagues]);
  const nameOf = useCallback(
    (accountId: string) =>
      accountId === staff.accountId ? t("channels.you") : (names.get(accountId) ?? t("channels.someone")),
    [names, staff.accountId, t],
  );

  const [openId, setOpenId] = useState<string | null>(null);
  const list = channels.kind === "ready" ? channels.value : [];
  const open = list.find((c) => c.id === openId) ?? null;
  const subscription = useAction(async (channel: Channel) => {
    const params = { params: { channelId: channel.id } };
    if (channel.myRole === "subscriber") await api.request(unsubscribeChannel, params);
    else await api.request(subscribeChannel, params);
    await channels.reload();
  });

  return (
    <Page title={t("channels.title")} lead={t("channels.lead")}>
      <div className="chats">
        <div className="chats__list">
          <Section title={t("channels.listTitle")}>
            {channels.kind === "loading" ? <p role="status">{t("channels.loading")}</p> : null}
            {channels.kind === "failed" ? (
              <p className="notice notice--error">{t("channels.loadFailed", { code: channels.error })}</p>
            ) : null}
            {channels.kind === "ready" && list.length === 0 ? <p>{t("channels.none")}</p> : null}
            {list.length > 0 ? (
              <ul className="chats__entries">
                {list.map((channel) => (
                  <li key={channel.id}>
                    <button
                      type="button"
                      className="chats__entry"
                      aria-current={channel.id === openId ? "true" : undefined}
                      onClick={() => setOpenId(channel.id)}
                    >
                      <span>{channel.name}</span>
                      <span>
                        {t(`channels.audience.${channel.audience}`)}
                        {channel.myRole ? ` · ${t(`channels.role.${channel.myRole}`)}` : ""}
                      </span>
                    </button>
                    {channel.myRole !== "owner" ? (
                      <button
                        type="button"
                        className="button"
                        aria-disabled={subscription.pending}
                        onClick={() => void subscription.run(channel)}
                      >
                        {channel.myRole === "subscriber"
                          ? t("channels.unsubscribe", { name: channel.name })
                          : t("channels.subscribe", { name: channel.name })}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {subscription.error ? (
              <p className="notice notice--error" role="alert">
                {t("channels.subscriptionFailed", { code: subscription.error })}
              </p>
            ) : null}
          </Section>
          {mayCreate ? (
            <NewChannelForm
              staff={staff}
              colleagues={colleagues}
              onCreated={async (id) => {
                await channels.reload().catch(() => {});
                setOpenId(id);
              }}
            />
          ) : null}
        </div>
        <div className="chats__open">
          {open ? (
            <ChannelPanel key={open.id} staff={staff} channel={open} nameOf={nameOf} />
          ) : (
            <p>{t("channels.pick")}</p>
          )}
        </div>
      </div>
    </Page>
  );
}
