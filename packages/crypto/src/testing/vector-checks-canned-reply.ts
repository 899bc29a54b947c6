// SPDX-License-Identifier: AGPL-3.0-or-later
/** Canned reply vector checks (blob kind 0x0b, CRYPTO.md §7f). */
import { openCannedReply, sealCannedReplyWithKey } from "../canned-reply";
import { fromHex } from "../encoding";
import { encryptionPublicKeyOf, signingPublicKeyOf } from "../primitives";
import { type Check, check, expectError, same } from "./vector-checks";
import type { VectorFiles } from "./vector-types";

export function cannedReplyChecks(v: VectorFiles["cannedReply"]): Check[] {
  const valid = v.vectors.map((t) => ({
    file: "cannedReply" as const,
    name: t.name,
    run: async () => {
      const team = { teamId: t.teamId, generation: t.generation, secretKey: fromHex(t.teamSecretKey) };
      same(encryptionPublicKeyOf(team.secretKey), t.teamPublicKey, "team public key");
      const author = { secretKey: fromHex(t.authorSecretKey), publicKey: fromHex(t.authorPublicKey) };
      same(signingPublicKeyOf(author.secretKey), t.authorPublicKey, "author public key");
      const sealed = await sealCannedReplyWithKey(
        {
          team: { teamId: t.teamId, generation: t.generation, publicKey: fromHex(t.teamPublicKey) },
          content: t.content,
          author,
          timestamp: t.timestamp,
        },
        fromHex(t.contentKey),
        fromHex(t.nonce),
      );
      same(sealed, t.ciphertext, "sealed snippet");
      const opened = await openCannedReply({
        sealed: { generation: t.generation, wrap: fromHex(t.wrap), ciphertext: fromHex(t.ciphertext) },
        team,
        authorKeys: [author.publicKey],
      });
      check(
        opened.content.title === t.content.title &&
          opened.content.text === t.content.text &&
          opened.content.textInformal === t.content.textInformal,
        "content",
      );
      check(opened.header.timestamp === t.timestamp, "timestamp");
      same(opened.header.authorKeyId, t.authorPublicKey, "author");
    },
  }));
  const invalid = v.invalid.map((t) => ({
    file: "cannedReply" as const,
    name: t.name,
    run: () =>
      expectError(t.expectedError, () =>
        openCannedReply({
          sealed: { generation: t.sealedGeneration, wrap: fromHex(t.wrap), ciphertext: fromHex(t.ciphertext) },
          team: { teamId: t.teamId, generation: t.generation, secretKey: fromHex(t.teamSecretKey) },
          authorKeys: t.authorKeys.map(fromHex),
        }),
      ),
  }));
  return [...valid, ...invalid];
}
