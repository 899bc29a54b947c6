// SPDX-License-Identifier: AGPL-3.0-or-later
import { decodeEpochRecord } from "@obhut/crypto";
import { createApiClient, type ApiClient } from "../../../web/src/api/client";
import { chatRotator, staffChatTrust } from "../../../web/src/chats/chat-keys";
import { ConversationStore } from "../../../web/src/messaging/conversation";
import { getConversation } from "../../../web/src/messaging/endpoints";
import { ConversationKeyring, EpochRegistry, participantKeySource } from "../../../web/src/messaging/epochs";
import { FakeSocket } from "../../../web/src/messaging/fake-socket.test-util";
import { OrgLogCache } from "../../../web/src/messaging/org-log";
import { RealtimeClient } from "../../../web/src/messaging/realtime";
import { seedSession } from "../helpers/factories";
import type { TestServer } from "../helpers/server";
import type { PreparedSetup, TestAccount } from "../keys/support";

/** The browser's API client, in Node, with a session cookie. */
export function cookieApi(server: TestServer, cookie: string): ApiClient {
  return createApiClient({
    baseUrl: server.url,
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers ?? {}), cookie } }),
  });
}

/**
 * Staff chats with the real crypto and the browser's own code, for tests against a real server: a member's API
 * client, their chat store as chat-view.tsx opens one (the socket never opens, so everything goes over HTTP), what
 * the store shows, and a chat's epoch records and key wraps straight from the database. `current` gives the server
 * and organisation once `beforeAll` has made them.
 */
export function chatHarness(current: () => { server: TestServer; org: PreparedSetup }) {
  const apiOf = async (who: TestAccount) => {
    const { server } = current();
    return cookieApi(server, (await seedSession(server.ctx.db.db, who.id)).cookie);
  };

  const storeOf = async (who: TestAccount, chatId: string, options: { clock?: () => number } = {}) => {
    const { org } = current();
    const api = await apiOf(who);
    const orgLogs = new OrgLogCache(api);
    const trust = staffChatTrust(await orgLogs.load(org.orgId));
    const store = new ConversationStore({
      api,
      conversationId: chatId,
      keyring: new ConversationKeyring({
        api,
        conversationId: chatId,
        registry: new EpochRegistry(),
        keySource: participantKeySource(who.keys.encryption.secretKey),
        trust,
      }),
      trust,
      self: { accountId: who.id, signing: who.keys.signing },
      realtime: new RealtimeClient({ url: "ws://unused", createSocket: () => new FakeSocket() }),
      rotator: chatRotator({
        api,
        orgLogs,
        organisationId: org.orgId,
        conversationId: chatId,
        memberIds: async () =>
          (await api.request(getConversation, { params: { id: chatId } })).members.map((m) => m.accountId),
        signer: who.keys.signing,
        ...(options.clock ? { clock: options.clock } : {}),
      }),
    });
    await store.start();
    return store;
  };

  const texts = (store: ConversationStore) => store.getSnapshot().messages.map((m) => m.body?.text ?? "<unreadable>");

  const epochRecords = async (chatId: string) =>
    (
      await current()
        .server.ctx.db.db.selectFrom("conversation_epochs")
        .select(["epoch", "record"])
        .where("conversation_id", "=", chatId)
        .orderBy("epoch")
        .execute()
    ).map((r) => decodeEpochRecord(new Uint8Array(r.record)));

  const wrapsOf = (chatId: string, epoch: number) =>
    current()
      .server.ctx.db.db.selectFrom("epoch_key_wraps")
      .select(["recipient_account_id", "wrap"])
      .where("conversation_id", "=", chatId)
      .where("epoch", "=", epoch)
      .execute();

  return { apiOf, storeOf, texts, epochRecords, wrapsOf };
}
