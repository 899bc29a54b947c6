// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EpochRecord,
  type OrgLogState,
  createEpoch,
  currentTeamKeyGeneration,
  encodeEpochRecord,
  toBase64Url,
} from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { addEpoch } from "./endpoints";
import type { OrgLogCache } from "./org-log";

/**
 * Epoch rotation in the browser (issue #14, item 2; ADR 0029). When the set of people who may read a
 * conversation shrank, or its current epoch has served the organisation's message or day limit, the server
 * refuses every message (`epoch_rotation_owed`) until a browser publishes the next epoch: a fresh key, signed
 * and chained to the previous record, wrapped to exactly the current readers — the participants named here,
 * the case team's *current* key generation and the archive key, both from the verified organisation log
 * (so someone who left, holding an older generation, cannot open it). The conversation store calls a rotator
 * on its own before it sends again (conversation.ts).
 */

/** Publishes the next epoch after `previous` (the newest verified record); resolves once the server stored it. */
export interface EpochRotator {
  rotate(previous: EpochRecord): Promise<void>;
}

/** The body of `POST /api/conversations/:id/epochs` (protocol `AddEpoch`), and of a handover's `epochs`. */
export interface EpochBody {
  epoch: number;
  record: string;
  wraps: { recipientId: string; wrap: string }[];
  teamWrap: string;
  archiveWrap: string;
}

export interface EpochParticipant {
  accountId: string;
  signingKey: Uint8Array;
  encryptionKey: Uint8Array;
}

/**
 * The next epoch of a conversation: a fresh key wrapped to `participants`, to the current generation of
 * `teamId` and to the current archive key of the verified `orgLog`, signed by `signer`. The caller owns the
 * returned epoch key.
 */
export async function nextEpoch(props: {
  conversationId: string;
  previous: EpochRecord;
  participants: readonly EpochParticipant[];
  orgLog: OrgLogState;
  teamId: string;
  signer: AccountKeys["signing"];
  timestamp: number;
}): Promise<{ body: EpochBody; record: EpochRecord; epochKey: Uint8Array }> {
  const team = currentTeamKeyGeneration(props.orgLog, props.teamId);
  const { record, epochKey, wraps } = await createEpoch({
    conversationId: props.conversationId,
    previous: props.previous,
    participants: props.participants,
    team: { teamId: props.teamId, generation: team.generation, publicKey: team.publicKey },
    archiveKey: props.orgLog.archiveKey,
    signer: props.signer,
    timestamp: props.timestamp,
  });
  const body: EpochBody = {
    epoch: record.epoch,
    record: toBase64Url(encodeEpochRecord(record)),
    // createEpoch keeps the participants' order.
    wraps: wraps.participants.map((w, i) => ({
      recipientId: props.participants[i]!.accountId,
      wrap: toBase64Url(w.wrapped),
    })),
    teamWrap: toBase64Url(wraps.team),
    archiveWrap: toBase64Url(wraps.archive),
  };
  return { body, record, epochKey };
}

/**
 * The client's rotator for their own case conversation: the client may publish epochs there (they are its
 * member), so a client whose message meets an owed rotation — a counsellor left the team, or the epoch is a
 * month old — need not wait for staff. The new key is wrapped to the client alone as participant; the team
 * reads it through its current key, the organisation through the archive key. `teamId` is read when rotating
 * (a handover changes it).
 */
export function clientCaseRotator(props: {
  api: ApiClient;
  orgLogs: OrgLogCache;
  organisationId: string;
  conversationId: string;
  teamId: () => string;
  self: { accountId: string; keys: Pick<AccountKeys, "signing" | "encryption"> };
  clock?: () => number;
}): EpochRotator {
  return {
    async rotate(previous) {
      // A fresh look at the log: the team key the rotation needs is the one renewed after someone left.
      const orgLog = await props.orgLogs.load(props.organisationId);
      const { body, epochKey } = await nextEpoch({
        conversationId: props.conversationId,
        previous,
        participants: [
          {
            accountId: props.self.accountId,
            signingKey: props.self.keys.signing.publicKey,
            encryptionKey: props.self.keys.encryption.publicKey,
          },
        ],
        orgLog,
        teamId: props.teamId(),
        signer: props.self.keys.signing,
        timestamp: (props.clock ?? Date.now)(),
      });
      // The store opens it again from the client's own wrap, like every epoch.
      epochKey.fill(0);
      await props.api.request(addEpoch, { params: { id: props.conversationId }, body });
    },
  };
}
