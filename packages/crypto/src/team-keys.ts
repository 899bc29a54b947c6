// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual } from "./encoding";
import { CryptoError } from "./errors";
import { unwrapKey, wrapContext, wrapKey } from "./hpke";
import type { OrgLogPayload } from "./org-log-entry";
import { encryptionPublicKeyOf, generateEncryptionKeyPair } from "./primitives";

/** One generation of a team's X25519 key. The public half is published in the org log. */
export interface TeamKeyGeneration {
  teamId: string;
  generation: number;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A team member as certified in the org log. */
export interface MemberKey {
  signingKey: Uint8Array;
  encryptionKey: Uint8Array;
}

export interface MemberWrap {
  /** The member's Ed25519 public key (their key id). */
  memberKeyId: Uint8Array;
  wrapped: Uint8Array;
}

const memberContext = (teamId: string, generation: number) => wrapContext("team-key", [teamId, generation]);
const historyContext = (teamId: string, generation: number) => wrapContext("team-key-history", [teamId, generation]);

export function createTeamKeyGeneration(teamId: string, generation = 1): TeamKeyGeneration {
  if (!Number.isInteger(generation) || generation < 1)
    throw new CryptoError("bad_parameters", "generation starts at 1");
  return { teamId, generation, ...generateEncryptionKeyPair() };
}

/** The entry an admin appends so clients will accept this generation's public key. */
export function teamKeyLogPayload(key: TeamKeyGeneration): OrgLogPayload {
  return {
    type: "team-key-generation",
    teamId: key.teamId,
    generation: key.generation,
    publicKey: key.publicKey,
  };
}

export async function wrapTeamKeyToMembers(
  key: TeamKeyGeneration,
  members: readonly MemberKey[],
): Promise<MemberWrap[]> {
  const context = memberContext(key.teamId, key.generation);
  return Promise.all(
    members.map(async (m) => ({
      memberKeyId: m.signingKey,
      wrapped: await wrapKey(m.encryptionKey, key.secretKey, context),
    })),
  );
}

/**
 * `expectedPublicKey` comes from the verified org log. Checking the unwrapped
 * secret against it means a server cannot hand a member a team key of its
 * own making, even one correctly wrapped to the member.
 */
export async function unwrapTeamKey(props: {
  teamId: string;
  generation: number;
  expectedPublicKey: Uint8Array;
  wrapped: Uint8Array;
  memberSecretKey: Uint8Array;
}): Promise<TeamKeyGeneration> {
  const secretKey = await unwrapKey(
    props.memberSecretKey,
    props.wrapped,
    memberContext(props.teamId, props.generation),
  );
  return checked(props.teamId, props.generation, secretKey, props.expectedPublicKey);
}

function checked(teamId: string, generation: number, secretKey: Uint8Array, expected: Uint8Array): TeamKeyGeneration {
  const publicKey = encryptionPublicKeyOf(secretKey);
  if (!constantTimeEqual(publicKey, expected))
    throw new CryptoError("unknown_key", "team key does not match the org log");
  return { teamId, generation, secretKey, publicKey };
}

/**
 * Creates generation g+1 for the members who remain (and any new ones),
 * and wraps g's secret under g+1 so that holders of g+1 can walk back
 * through history, while a removed member, who never receives g+1, learns
 * nothing written after the rotation.
 */
export async function rotateTeamKey(props: { current: TeamKeyGeneration; members: readonly MemberKey[] }): Promise<{
  next: TeamKeyGeneration;
  previousWrapped: Uint8Array;
  memberWraps: MemberWrap[];
}> {
  const { current } = props;
  const next = createTeamKeyGeneration(current.teamId, current.generation + 1);
  const previousWrapped = await wrapKey(
    next.publicKey,
    current.secretKey,
    historyContext(current.teamId, current.generation),
  );
  return {
    next,
    previousWrapped,
    memberWraps: await wrapTeamKeyToMembers(next, props.members),
  };
}

/** Walks one generation back; repeat to reach any older generation. */
export async function unwrapPreviousTeamKey(props: {
  next: TeamKeyGeneration;
  previousWrapped: Uint8Array;
  expectedPreviousPublicKey: Uint8Array;
}): Promise<TeamKeyGeneration> {
  const { next } = props;
  const generation = next.generation - 1;
  if (generation < 1) throw new CryptoError("bad_parameters", "generation 1 has no predecessor");
  const secretKey = await unwrapKey(next.secretKey, props.previousWrapped, historyContext(next.teamId, generation));
  return checked(next.teamId, generation, secretKey, props.expectedPreviousPublicKey);
}
