// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EpochRecord,
  type OrgLogState,
  createEpoch,
  currentTeamKeyGeneration,
  encodeEpochRecord,
  randomBytes,
  toBase64Url,
} from "@obhut/crypto";

/** The wire shape of `InitialEpoch` (routes/cases.ts): signed record plus three wraps. */
export interface InitialEpochBody {
  record: string;
  ownWrap: string;
  teamWrap: string;
  archiveWrap: string;
}

/** A fresh random id in the protocol's `Id` alphabet (128 bits). */
export const newId = (): string => toBase64Url(randomBytes(16));

/**
 * Epoch 1 of a conversation the caller opens (a client's case, a team's
 * notes): the key is wrapped to the caller's own account key, to the team's
 * current key generation and to the archive key — both taken from the
 * *verified* org log, never from what the server says about the agency.
 * The caller owns and eventually wipes the returned epoch key.
 */
export async function createInitialEpoch(props: {
  conversationId: string;
  orgLog: OrgLogState;
  teamId: string;
  keys: Pick<AccountKeys, "signing" | "encryption">;
  timestamp: number;
}): Promise<{ body: InitialEpochBody; record: EpochRecord; epochKey: Uint8Array }> {
  const team = currentTeamKeyGeneration(props.orgLog, props.teamId);
  const { record, epochKey, wraps } = await createEpoch({
    conversationId: props.conversationId,
    previous: null,
    participants: [{ signingKey: props.keys.signing.publicKey, encryptionKey: props.keys.encryption.publicKey }],
    team: { teamId: props.teamId, generation: team.generation, publicKey: team.publicKey },
    archiveKey: props.orgLog.archiveKey,
    signer: props.keys.signing,
    timestamp: props.timestamp,
  });
  const own = wraps.participants[0];
  if (!own) throw new Error("createEpoch returned no participant wrap");
  return {
    record,
    epochKey,
    body: {
      record: toBase64Url(encodeEpochRecord(record)),
      ownWrap: toBase64Url(own.wrapped),
      teamWrap: toBase64Url(wraps.team),
      archiveWrap: toBase64Url(wraps.archive),
    },
  };
}
