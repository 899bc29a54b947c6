// SPDX-License-Identifier: AGPL-3.0-or-later
import { ATTACHMENT_LIMITS, EPOCH_LIMITS as PROTOCOL_EPOCH_LIMITS, MESSAGING_LIMITS } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { EPOCH_LIMITS, LIMITS } from "./limits";

describe("messaging limits", () => {
  it("match the protocol", () => {
    expect(LIMITS.envelopeBytes).toBe(MESSAGING_LIMITS.envelopeBytes);
    expect(LIMITS.historyPage).toBe(MESSAGING_LIMITS.historyPage);
    expect(LIMITS.attachmentMaxBytes).toBe(ATTACHMENT_LIMITS.maxBytes);
    expect(LIMITS.attachmentChunkBytes).toBe(ATTACHMENT_LIMITS.chunkBytes);
    expect(EPOCH_LIMITS).toEqual(PROTOCOL_EPOCH_LIMITS);
  });
});
