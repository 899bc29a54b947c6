// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError, type EpochRecord } from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { addEpoch } from "./endpoints";
import { type EpochBody, type EpochParticipant, type EpochRotator, nextEpoch } from "./epoch-rotation";
import type { CaseKeyContext, StaffKeyring } from "./team-keys";

/**
 * Epoch rotation by staff (issue #14, item 2; ADR 0029): the next epoch of a case's conversation or of its
 * notes, made in the browser of a team member. The case conversation's key is wrapped to the client as the
 * only participant (the team reads through its key, so a counsellor who leaves the team needs no wrap to be
 * taken back), the notes' key to the member who makes it; both to the team's current key generation and the
 * archive key from a freshly verified organisation log.
 */

/** The next epoch of `conversationId` after `previous`, for the current readers of the case (or of `teamId`). */
export async function staffEpochBody(
  ring: StaffKeyring,
  ctx: CaseKeyContext,
  props: {
    conversationId: string;
    previous: EpochRecord;
    /** The team the epoch is for: the case's own, or the one it is handed to. */
    teamId: string;
    /** Who gets a participant wrap: the client (case conversation), me (notes), or no one (notes handed over). */
    participants: "client" | "me" | "none";
    timestamp: number;
  },
): Promise<EpochBody> {
  const { accountId, keys } = ring.account;
  let participants: EpochParticipant[] = [];
  if (props.participants === "client") {
    if (props.conversationId !== ctx.conversationId)
      throw new CryptoError("bad_parameters", "only the case conversation has the client as participant");
    participants = [{ accountId: ctx.clientId, ...(await ring.trustedClientKeys(ctx)) }];
  } else if (props.participants === "me") {
    participants = [{ accountId, signingKey: keys.signing.publicKey, encryptionKey: keys.encryption.publicKey }];
  }
  const { body, epochKey } = await nextEpoch({
    conversationId: props.conversationId,
    previous: props.previous,
    participants,
    orgLog: await ring.orgState(),
    teamId: props.teamId,
    signer: keys.signing,
    timestamp: props.timestamp,
  });
  epochKey.fill(0);
  return body;
}

/**
 * The rotator of one conversation of a case, for the conversation store: forgets the ring's cached log and
 * wraps first (the team key may just have been renewed), then publishes the next epoch.
 */
export function staffCaseRotator(
  ring: StaffKeyring,
  ctx: CaseKeyContext,
  conversationId: string,
  api: ApiClient,
  clock: () => number = Date.now,
): EpochRotator {
  return {
    async rotate(previous) {
      ring.refresh();
      const body = await staffEpochBody(ring, ctx, {
        conversationId,
        previous,
        teamId: ctx.teamId,
        participants: conversationId === ctx.conversationId ? "client" : "me",
        timestamp: clock(),
      });
      await api.request(addEpoch, { params: { id: conversationId }, body });
      // The new record is loaded (and verified) like any other the next time it is needed.
      ring.refresh();
    },
  };
}

/**
 * A handover to another team brings the new team's first epoch of each conversation along (protocol
 * `HandOverCase.epochs`): the old team's members leave with the handover, and not one message goes in under a
 * key they hold. Case conversation: the client as participant; notes: no participant (the acting member leaves
 * with their team).
 */
export async function handoverEpochs(
  ring: StaffKeyring,
  ctx: CaseKeyContext,
  targetTeamId: string,
  timestamp: number,
): Promise<(EpochBody & { conversationId: string })[]> {
  const out: (EpochBody & { conversationId: string })[] = [];
  for (const conversationId of [ctx.conversationId, ...(ctx.notesConversationId ? [ctx.notesConversationId] : [])]) {
    const previous = (await ring.caseRecords(ctx, conversationId)).at(-1);
    if (!previous) continue;
    const body = await staffEpochBody(ring, ctx, {
      conversationId,
      previous,
      teamId: targetTeamId,
      participants: conversationId === ctx.conversationId ? "client" : "none",
      timestamp,
    });
    out.push({ conversationId, ...body });
  }
  return out;
}
