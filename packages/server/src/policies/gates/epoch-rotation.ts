// SPDX-License-Identifier: AGPL-3.0-or-later
import { AppError } from "../../core/errors";

/**
 * Epoch rotation (issue #14, item 2; ADR 0029): when a conversation owes a new epoch, and whether a message
 * may go in under the epoch it was sealed with. The facts come from the conversation row, which the send path
 * reads anyway; the limits are the organisation's messaging policy.
 */
export interface EpochFacts {
  /** The newest epoch; 0 while the conversation has none (nothing is checked then). */
  currentEpoch: number;
  nextSeq: number;
  /** Seq of the first message of the current epoch. */
  epochStartedSeq: number;
  epochStartedAt: number | null;
  /** Set while someone who could read the conversation has left it and no new epoch followed. */
  rotationOwedSince: number | null;
}

export interface EpochLimits {
  maxMessages: number;
  maxDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a new epoch is owed now — a reader left, or the current one served its messages or days — or null. */
export function owedRotation(
  facts: EpochFacts,
  limits: EpochLimits,
  now: number,
): "member_left" | "messages" | "age" | null {
  if (facts.currentEpoch === 0) return null;
  if (facts.rotationOwedSince !== null) return "member_left";
  if (facts.nextSeq - facts.epochStartedSeq >= limits.maxMessages) return "messages";
  if (facts.epochStartedAt !== null && now - facts.epochStartedAt >= limits.maxDays * DAY_MS) return "age";
  return null;
}

/**
 * The epoch rule of a send: nothing goes in while a new epoch is owed (`epoch_rotation_owed`), and nothing sealed
 * under another epoch than the current one (`epoch_outdated`: a browser that missed a rotation seals again).
 * `sealedEpoch` is the epoch number in the envelope's header, null when the header does not parse — such an
 * envelope opens for no one (every reader takes the key from that header), so there is nothing to protect.
 */
export function epochSendRefusal(
  facts: EpochFacts | undefined,
  limits: EpochLimits,
  now: number,
  sealedEpoch: number | null,
): AppError | undefined {
  if (!facts || facts.currentEpoch === 0) return undefined;
  if (owedRotation(facts, limits, now) !== null)
    return new AppError("epoch_rotation_owed", "A new epoch is owed before the next message in this conversation");
  if (sealedEpoch !== null && sealedEpoch !== facts.currentEpoch)
    return new AppError(
      "epoch_outdated",
      `This conversation is at epoch ${facts.currentEpoch}; seal the message again`,
    );
  return undefined;
}
