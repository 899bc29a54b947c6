// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CannedReplyContent, openCannedReply, sealCannedReply } from "../src/canned-reply";
import { isCryptoError } from "../src/errors";
import { wrapContext, wrapKey } from "../src/hpke";
import { generateSigningKeyPair, randomBytes } from "../src/primitives";
import { createTeamKeyGeneration } from "../src/team-keys";
import { bitIndex, flipBit } from "./flip";

const team = createTeamKeyGeneration("team_beratung_01", 3);
const author = generateSigningKeyPair();
const colleague = generateSigningKeyPair();
const stranger = generateSigningKeyPair();
const content: CannedReplyContent = {
  title: "Erstkontakt",
  text: "Vielen Dank für Ihre Nachricht. Wir melden uns bald bei Ihnen.",
  textInformal: "Danke für deine Nachricht. Wir melden uns bald bei dir.",
};

const seal = (c: CannedReplyContent = content, signer = author) =>
  sealCannedReply({ team, content: c, author: signer, timestamp: 1_765_000_000_000 });
const open = (sealed: Awaited<ReturnType<typeof seal>>, authorKeys = [colleague.publicKey, author.publicKey]) =>
  openCannedReply({ sealed, team, authorKeys });

async function code(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (isCryptoError(e)) return e.code;
    throw e;
  }
  return "opened";
}

const contentArb: fc.Arbitrary<CannedReplyContent> = fc.record(
  { title: fc.string({ maxLength: 80 }), text: fc.string({ maxLength: 2000 }), textInformal: fc.string() },
  { requiredKeys: ["title", "text"] },
);

describe("canned replies (CRYPTO.md §7f)", () => {
  it("round trip: any title and texts, with or without the informal form, open as sealed and name the author", async () => {
    await fc.assert(
      fc.asyncProperty(contentArb, async (c) => {
        const sealed = await seal(c);
        expect(sealed.generation).toBe(3);
        const opened = await open(sealed);
        expect(opened.content).toEqual(c);
        expect(opened.header).toMatchObject({ teamId: team.teamId, generation: 3, timestamp: 1_765_000_000_000 });
        expect(opened.header.authorKeyId).toEqual(author.publicKey);
      }),
      { numRuns: 40 },
    );
  });

  it("any flipped bit in the ciphertext or the wrap is refused, never opened", async () => {
    const sealed = await seal();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), async (inWrap, n) => {
        const field = inWrap ? sealed.wrap : sealed.ciphertext;
        const flipped = flipBit(field, n % (field.length * 8));
        const tampered = inWrap ? { ...sealed, wrap: flipped } : { ...sealed, ciphertext: flipped };
        expect(await code(() => open(tampered))).not.toBe("opened");
      }),
      { numRuns: 150 },
    );
  });

  it("each header field is bound: flips in team id, generation, time, author or nonce fail", async () => {
    const sealed = await seal();
    // header: 3 bytes || u32 len + teamId || u32 generation || u64 time || author(32) || nonce(12)
    const teamIdEnd = 3 + 4 + team.teamId.length;
    const fields = {
      teamId: [7, teamIdEnd],
      generation: [teamIdEnd, teamIdEnd + 4],
      timestamp: [teamIdEnd + 4, teamIdEnd + 12],
      author: [teamIdEnd + 12, teamIdEnd + 44],
      nonce: [teamIdEnd + 44, teamIdEnd + 56],
    } as const;
    for (const [name, [from, to]] of Object.entries(fields)) {
      await fc.assert(
        fc.asyncProperty(bitIndex(to - from), async (bit) => {
          const tampered = { ...sealed, ciphertext: flipBit(sealed.ciphertext, from * 8 + bit) };
          const result = await code(() => open(tampered));
          expect(result, name).not.toBe("opened");
        }),
        { numRuns: 25 },
      );
    }
  });

  it("the stored generation must be the sealed one", async () => {
    const sealed = await seal();
    expect(await code(() => open({ ...sealed, generation: 2 }))).toBe("bad_format");
  });

  it("an author the reader does not trust is refused before anything is opened", async () => {
    const sealed = await seal(content, stranger);
    expect(await code(() => open(sealed))).toBe("unknown_key");
  });

  it("a snippet the server makes with the team's public key and a trusted key id but no valid signature is refused", async () => {
    const real = await seal();
    // The server knows the team public key, so it can wrap a key of its own and
    // seal text under it, but it cannot sign as the author: reuse the real header and signature.
    const forged = await sealCannedReply({
      team,
      content: { title: "Gefälscht", text: "Überweisen Sie an …" },
      author: { publicKey: author.publicKey, secretKey: stranger.secretKey },
      timestamp: 1_765_000_000_000,
    });
    expect(await code(() => open(forged))).toBe("bad_signature");
    // The real ciphertext with a wrap of another key: the signed key commitment no longer matches.
    const otherWrap = await wrapKey(team.publicKey, randomBytes(32), wrapContext("canned-reply", [team.teamId, 3]));
    expect(await code(() => open({ ...real, wrap: otherWrap }))).toBe("bad_signature");
  });

  it("a wrap made for another purpose or team does not open as a snippet key", async () => {
    const sealed = await seal();
    const epochWrap = await wrapKey(team.publicKey, randomBytes(32), wrapContext("team-key", [team.teamId, 3]));
    expect(await code(() => open({ ...sealed, wrap: epochWrap }))).toBe("decrypt_failed");
    const other = createTeamKeyGeneration("team_other_0001", 3);
    expect(await code(() => openCannedReply({ sealed, team: other, authorKeys: [author.publicKey] }))).toBe(
      "bad_format",
    );
    const sameIdOtherKey = createTeamKeyGeneration(team.teamId, 3);
    expect(await code(() => openCannedReply({ sealed, team: sameIdOtherKey, authorKeys: [author.publicKey] }))).toBe(
      "decrypt_failed",
    );
  });

  it("refuses to seal more than fits the server's limit", async () => {
    expect(await code(() => seal({ title: "x", text: "a".repeat(40_000) }))).toBe("bad_parameters");
  });
});
