// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openMessage, readMessageHeader, sealMessage } from "../src/envelope";
import { generateSigningKeyPair, randomBytes } from "../src/primitives";
import { bitIndex, flipBit } from "./flip";

const sender = generateSigningKeyPair();
const header = {
  conversationId: "conv-1",
  epoch: 4,
  messageId: "m-1",
  timestamp: 1_700_000_000_123,
  senderKeyId: sender.publicKey,
};

describe("message envelope", () => {
  it("round-trips any plaintext and hides its exact length", async () => {
    const epochKey = randomBytes(32);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (plaintext) => {
        const blob = await sealMessage({
          header,
          plaintext,
          epochKey,
          sender,
        });
        const opened = await openMessage(blob, {
          epochKey,
          senderPublicKey: sender.publicKey,
          conversationId: "conv-1",
          epoch: 4,
        });
        expect(opened.plaintext).toEqual(plaintext);
        expect(opened.header).toEqual({ version: 1, suite: 1, ...header });
      }),
      { numRuns: 40 },
    );
    const short = await sealMessage({
      header,
      plaintext: new Uint8Array(1),
      epochKey,
      sender,
    });
    const longer = await sealMessage({
      header,
      plaintext: new Uint8Array(200),
      epochKey,
      sender,
    });
    expect(short.length).toBe(longer.length);
  });

  it("fails closed with typed errors", async () => {
    const epochKey = randomBytes(32);
    const blob = await sealMessage({
      header,
      plaintext: new Uint8Array([1, 2, 3]),
      epochKey,
      sender,
    });
    const other = generateSigningKeyPair();
    await expect(openMessage(blob, { epochKey, senderPublicKey: other.publicKey })).rejects.toMatchObject({
      code: "unknown_key",
    });
    await expect(
      openMessage(blob, {
        epochKey: randomBytes(32),
        senderPublicKey: sender.publicKey,
      }),
    ).rejects.toMatchObject({ code: "bad_signature" });
    await expect(
      openMessage(blob, {
        epochKey,
        senderPublicKey: sender.publicKey,
        conversationId: "conv-2",
      }),
    ).rejects.toMatchObject({ code: "bad_format" });
    const future = blob.slice();
    future[0] = 2;
    await expect(openMessage(future, { epochKey, senderPublicKey: sender.publicKey })).rejects.toMatchObject({
      code: "unsupported_version",
    });
    // A sender key that is not the signer's is refused before anything is encrypted.
    await expect(
      sealMessage({
        header: { ...header, senderKeyId: other.publicKey },
        plaintext: new Uint8Array(1),
        epochKey,
        sender,
      }),
    ).rejects.toMatchObject({
      code: "bad_parameters",
    });
    expect(readMessageHeader(blob).messageId).toBe("m-1");
  });

  it("rejects any single bit flip", async () => {
    const epochKey = randomBytes(32);
    const blob = await sealMessage({
      header,
      plaintext: randomBytes(100),
      epochKey,
      sender,
    });
    await fc.assert(
      fc.asyncProperty(bitIndex(blob.length), async (bit) => {
        await expect(
          openMessage(flipBit(blob, bit), {
            epochKey,
            senderPublicKey: sender.publicKey,
          }),
        ).rejects.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
