// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { type MessagingSession, openConversation } from "../messaging";
import type { StaffKeyring } from "../messaging/team-keys";
import { openNotes } from "./endpoints";
import { caseKeyContext } from "./staff-keys";

/**
 * The first note of a case (issue 6, item 7): creates the notes
 * conversation — epoch 1 with me as the only participant, wrapped to the
 * case team's current key and the archive key from the verified org log —
 * and sends the note into it. The client is never a member.
 */
export async function openNotesWith(props: {
  messaging: MessagingSession;
  ring: StaffKeyring;
  c: CaseView;
  conversationId: string;
  text: string;
}): Promise<string> {
  const { messaging, ring, c, conversationId } = props;
  const { body } = await ring.createNotesEpoch(c.teamId, conversationId, Date.now());
  await messaging.api.request(openNotes, { params: { caseId: c.id }, body: { conversationId, epoch: body } });
  ring.refresh();
  const ctx = { ...caseKeyContext(c), notesConversationId: conversationId };
  const store = openConversation(messaging, {
    conversationId,
    trust: await ring.caseTrust(ctx, conversationId),
    keySource: ring.caseKeySource(ctx),
  });
  try {
    await store.start();
    await store.send(props.text);
  } finally {
    store.stop();
  }
  return conversationId;
}
