// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ClientChannelView } from "@obhut/protocol";
import { useMemo } from "react";
import { useAction, useLoad } from "../api/use-action";
import { staffChatTrust } from "../chats/chat-keys";
import { useT } from "../i18n/use-t";
import type { MessagingSession } from "../messaging/session";
import { followingTrust } from "../messaging/trust";
import { useConversation } from "../messaging/use-conversation";
import { listClientChannels, subscribeChannel, unsubscribeChannel } from "./endpoints";

/**
 * "Kanäle" in "Meine Beratungen" (issue #16, ADR 0037): the client-facing channels of the organisations the client
 * has a case with — opening hours, events, closures. Subscribe, read the posts (decrypted here, each checked against
 * the organisation's verified log), unsubscribe. There is no composer: only the organisation posts, and no one sees
 * who else subscribed.
 */
export function ClientChannelsSection({ messaging }: { messaging: MessagingSession }) {
  const { t } = useT();
  const channels = useLoad(
    async (signal) => (await messaging.api.request(listClientChannels, { signal })).channels,
    [messaging],
  );
  const toggle = useAction(async (channel: ClientChannelView) => {
    const params = { params: { channelId: channel.id } };
    if (channel.myRole === "subscriber") await messaging.api.request(unsubscribeChannel, params);
    else await messaging.api.request(subscribeChannel, params);
    await channels.reload();
  });
  // Nothing to offer: no section at all (most clients' organisations have no channel).
  if (channels.kind === "ready" && channels.value.length === 0) return null;

  return (
    <section aria-labelledby="client-channels-title" className="client-channels">
      <h2 id="client-channels-title">{t("clientChannels.title")}</h2>
      <p>{t("clientChannels.lead")}</p>
      {channels.kind === "loading" ? <p role="status">{t("clientChannels.loading")}</p> : null}
      {channels.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {t("clientChannels.failed")}
        </p>
      ) : null}
      {toggle.error ? (
        <p className="notice notice--error" role="alert">
          {t("clientChannels.toggleFailed")}
        </p>
      ) : null}
      {channels.kind === "ready"
        ? channels.value.map((channel) => (
            <article key={channel.id} className="client-channel" aria-labelledby={`channel-${channel.id}`}>
              <h3 id={`channel-${channel.id}`}>{channel.name}</h3>
              <p>{t("clientChannels.from", { organisation: channel.organisationName })}</p>
              <p>
                <button
                  type="button"
                  className="button"
                  aria-disabled={toggle.pending}
                  onClick={() => void toggle.run(channel)}
                >
                  {channel.myRole === "subscriber"
                    ? t("clientChannels.unsubscribe", { name: channel.name })
                    : t("clientChannels.subscribe", { name: channel.name })}
                </button>
              </p>
              {channel.myRole === "subscriber" && channel.waiting ? (
                <p role="status">{t("clientChannels.waiting")}</p>
              ) : null}
              {channel.myRole === "subscriber" && !channel.waiting ? (
                <ChannelPosts messaging={messaging} channel={channel} />
              ) : null}
            </article>
          ))
        : null}
    </section>
  );
}

/** The channel's posts, newest last, read only. */
function ChannelPosts({ messaging, channel }: { messaging: MessagingSession; channel: ClientChannelView }) {
  const { t, i18n } = useT();
  const orgLog = useLoad(() => messaging.orgLogs.load(channel.organisationId), [messaging, channel.organisationId]);
  const verifiedLog = orgLog.kind === "ready" ? orgLog.value : null;
  const setup = useMemo(
    () =>
      verifiedLog
        ? {
            // Posts and epochs signed by the organisation's certified staff only (the verified log, never the server).
            trust: followingTrust({
              orgLog: verifiedLog,
              load: () => messaging.orgLogs.load(channel.organisationId),
              build: staffChatTrust,
            }),
          }
        : null,
    [verifiedLog, messaging, channel.organisationId],
  );
  const { snapshot } = useConversation(messaging, channel.id, setup);
  const when = (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" }).format(new Date(at));
  const posts = snapshot.messages.filter((m) => !m.deleted);

  if (orgLog.kind === "failed" || snapshot.status === "error")
    return (
      <p className="notice notice--error" role="alert">
        {t("clientChannels.postsFailed")}
      </p>
    );
  if (snapshot.status !== "ready") return <p role="status">{t("clientChannels.loading")}</p>;
  if (posts.length === 0) return <p>{t("clientChannels.empty")}</p>;
  return (
    <ol className="client-channel__posts" aria-label={t("clientChannels.posts", { name: channel.name })}>
      {posts.map((m) => (
        <li key={m.id}>
          <p className="client-channel__time">{when(m.createdAt)}</p>
          <p>{m.body ? m.body.text : t("clientChannels.unreadable")}</p>
        </li>
      ))}
    </ol>
  );
}
