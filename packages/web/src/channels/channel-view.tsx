// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelView as Channel } from "@obhut/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useLoad } from "../api/use-action";
import { chatRotator, staffChatTrust } from "../chats/chat-keys";
import { Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { ConversationPanel } from "../counsellor/conversation-panel";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, getConversation, useConversation } from "../messaging";
import { followingTrust } from "../messaging/trust";
import { wrapForWaitingSubscribers } from "./channel-keys";

/**
 * One open channel on the staff page: its posts, and for its owners the composer. When an owner opens it, their
 * browser first wraps the channel's keys to subscribers who wait for them (channel-keys.ts); a subscriber waiting
 * for that sees "wartet auf Freischaltung" instead of posts.
 */
export function ChannelPanel({
  staff,
  channel,
  nameOf,
}: {
  staff: Ready;
  channel: Channel;
  nameOf: (accountId: string) => string;
}) {
  const { t } = useT();
  const { messaging } = staff;
  const owner = channel.myRole === "owner";
  const orgLog = useLoad(() => messaging.orgLogs.load(staff.orgId), [messaging, staff.orgId]);
  const verifiedLog = orgLog.kind === "ready" ? orgLog.value : null;
  const readable = owner || (channel.myRole === "subscriber" && !channel.waiting);
  const setup = useMemo(() => {
    if (!verifiedLog || !readable) return null;
    return {
      trust: followingTrust({
        orgLog: verifiedLog,
        load: () => messaging.orgLogs.load(staff.orgId),
        build: staffChatTrust,
      }),
      // A new epoch (the organisation's message or day limit) is made for the owners; subscribers catch up below.
      ...(owner
        ? {
            rotator: chatRotator({
              api: messaging.api,
              orgLogs: messaging.orgLogs,
              organisationId: staff.orgId,
              conversationId: channel.id,
              memberIds: async () =>
                (await messaging.api.request(getConversation, { params: { id: channel.id } })).members
                  .filter((m) => m.role === "owner")
                  .map((m) => m.accountId),
              signer: messaging.keys.signing,
            }),
          }
        : {}),
    };
  }, [verifiedLog, readable, owner, messaging, staff.orgId, channel.id]);
  const conversation = useConversation(messaging, readable ? channel.id : null, setup);

  // An owner's browser catches up waiting subscribers when it opens the channel, and again after each post (a post
  // may have started a new epoch, made for the owners only).
  const [caughtUp, setCaughtUp] = useState<number | null>(null);
  const [catchUpError, setCatchUpError] = useState<string | null>(null);
  const snapshotReady = conversation.snapshot.status === "ready";
  const posts = conversation.snapshot.messages.length;
  useEffect(() => {
    if (!owner || !snapshotReady) return;
    let stopped = false;
    wrapForWaitingSubscribers({
      api: messaging.api,
      orgLogs: messaging.orgLogs,
      organisationId: staff.orgId,
      channelId: channel.id,
      registry: messaging.epochs,
      encryptionSecretKey: messaging.keys.encryption.secretKey,
    })
      .then((count) => {
        if (!stopped && count > 0) setCaughtUp(count);
      })
      .catch((e: unknown) => !stopped && setCatchUpError(e instanceof Error ? e.message : "error"));
    return () => {
      stopped = true;
    };
  }, [owner, snapshotReady, posts, messaging, staff.orgId, channel.id]);

  const messageName = useCallback(
    (m: Pick<DisplayMessage, "senderId" | "own">) => (m.own ? t("channels.you") : nameOf(m.senderId)),
    [nameOf, t],
  );

  return (
    <Section title={channel.name}>
      <p>{owner ? t("channels.ownerNote") : t("channels.readerNote")}</p>
      {caughtUp ? <p role="status">{t("channels.caughtUp", { count: caughtUp })}</p> : null}
      {catchUpError ? (
        <p className="notice notice--error" role="alert">
          {t("channels.catchUpFailed")}
        </p>
      ) : null}
      {channel.myRole === null ? <p>{t("channels.notSubscribed")}</p> : null}
      {channel.myRole === "subscriber" && channel.waiting ? <p role="status">{t("channels.waiting")}</p> : null}
      {readable ? (
        <ConversationPanel
          conversation={conversation}
          nameOf={messageName}
          canWrite={owner}
          label={t("channels.posts")}
          emptyText={t("channels.empty")}
          allowFiles={false}
          composerId="channel-post"
          composerLabel={t("channels.composer")}
          submitLabel={t("channels.post")}
        />
      ) : null}
    </Section>
  );
}
