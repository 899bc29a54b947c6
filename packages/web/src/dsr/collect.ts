// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MyDataView } from "@obhut/protocol";
import type { DisplayMessage } from "../messaging/conversation";
import { type MessagingSession, openConversation } from "../messaging/session";
import { clientCaseTrust } from "../messaging/trust";
import { myClientDetails } from "../reports/client-details-endpoints";
import { myData } from "./endpoints";
import { type DataExport, type DecryptedHistory, assembleExport } from "./export-data";

/**
 * Reads everything for the export with the messaging library, as the case
 * page does: the organisation log is verified, the epoch keys come from the
 * client's own wraps, every envelope is verified and decrypted here. The
 * server hands out ciphertext only; the plaintext never leaves this tab
 * except as the file the client saves.
 */
async function readHistory(
  messaging: MessagingSession,
  c: MyDataView["cases"][number],
  onProgress: (done: number) => void,
): Promise<DecryptedHistory> {
  const orgLog = await messaging.orgLogs.load(c.case.organisationId);
  const trust = clientCaseTrust({
    orgLog,
    self: { accountId: messaging.account.id, signingKey: messaging.keys.signing.publicKey },
  });
  const store = openConversation(messaging, { conversationId: c.case.conversationId, trust });
  try {
    await store.start();
    if (store.getSnapshot().status === "error") return null;
    while (store.getSnapshot().hasOlder) {
      const before = store.getSnapshot().messages.length;
      await store.loadOlder();
      onProgress(store.getSnapshot().messages.length);
      if (store.getSnapshot().messages.length === before) break; // nothing new: do not loop forever
    }
    return [...store.getSnapshot().messages] as DisplayMessage[];
  } finally {
    store.stop();
  }
}

export async function collectExport(
  messaging: MessagingSession,
  onProgress: (step: { cases: number; casesDone: number; messages: number }) => void = () => {},
): Promise<DataExport> {
  const data = await messaging.api.request(myData, {});
  const histories = new Map<string, DecryptedHistory>();
  let messages = 0;
  for (const [index, c] of data.cases.entries()) {
    onProgress({ cases: data.cases.length, casesDone: index, messages });
    // One unreadable conversation (e.g. a key this device cannot verify) must not lose the rest.
    const history = await readHistory(messaging, c, (n) =>
      onProgress({ cases: data.cases.length, casesDone: index, messages: messages + n }),
    ).catch(() => null);
    histories.set(c.case.id, history);
    messages += history?.length ?? 0;
  }
  onProgress({ cases: data.cases.length, casesDone: data.cases.length, messages });
  // Voluntary statistics details (ADR 0050) are the client's data too; they travel in the same file.
  const details = await messaging.api.request(myClientDetails, {});
  return assembleExport(data, histories, details.organisations);
}
