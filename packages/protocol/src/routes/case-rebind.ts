// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { singleLineText } from "../text";
import { CaseView } from "./cases";
import { EpochNumber, EpochRecord, KeyWrap } from "./conversations";

/**
 * Case re-binding (issue 3, item 8; docs/CRYPTO.md "Case re-binding"): a
 * client who lost password and recovery code signs up anew, asks for a
 * one-time code and reads it — with the new account's fingerprint — to the
 * counsellor out of band. The counsellor looks the code up, compares the
 * fingerprint and re-binds: a new epoch for the new client signed by the
 * counsellor, plus every earlier epoch key wrapped to the new client.
 */

/** Eight characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as "ABCD-EFGH". */
export const RebindCode = singleLineText({ max: 32 })
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{8}$/, "an 8-character code"));

export const CREATE_REBIND_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export const CreateRebindCode = defineRoute({
  method: "POST",
  path: "/api/account/rebind-code",
  summary: "Client: a one-time code (24 h) to read to a counsellor who re-binds an earlier case to this account",
  tag: "counselling",
  auth: "session",
  rate: "api",
  responses: { 201: z.object({ code: z.string(), expiresAt: z.number().int() }).strict() },
});

const CaseParams = z.object({ caseId: Id }).strict();

export const LookUpRebindCode = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/rebind/lookup",
  summary:
    "Assignee or team lead: the new client account a re-binding code names, with its public keys (to compare the fingerprint)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: z.object({ code: RebindCode }).strict(),
  responses: {
    200: z
      .object({
        accountId: Id,
        displayName: z.string(),
        signingPublicKey: z.string(),
        encryptionPublicKey: z.string(),
      })
      .strict(),
  },
});

export const RebindCase = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/rebind",
  summary:
    "Assignee or team lead: move the case to the client's new account (new epoch signed by the counsellor, every earlier epoch key wrapped to the new client); consumes the code",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: z
    .object({
      code: RebindCode,
      /** The account the lookup returned (the server checks that the code still names it). */
      accountId: Id,
      /** The next epoch of the case conversation: participants are the new client and the counsellor. */
      epoch: z
        .object({
          epoch: EpochNumber.min(2),
          record: EpochRecord,
          wraps: z
            .array(z.object({ recipientId: Id, wrap: KeyWrap }).strict())
            .min(1)
            .max(2),
          teamWrap: KeyWrap,
          archiveWrap: KeyWrap,
        })
        .strict(),
      /** Each earlier epoch key of the case conversation wrapped to the new client (participant wrap). */
      historyWraps: z
        .array(
          z
            .object({
              epoch: EpochNumber,
              wrap: KeyWrap,
            })
            .strict(),
        )
        .min(1)
        .max(10_000),
    })
    .strict(),
  responses: { 200: z.object({ case: CaseView }).strict() },
});

export const GetCaseClientKeys = defineRoute({
  method: "GET",
  path: "/api/cases/:caseId/client-keys",
  summary:
    "Staff of the case: the current client's public keys. Browsers accept them only where a staff-signed epoch record commits to them (a re-bound case)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: {
    200: z.object({ accountId: Id, signingPublicKey: z.string(), encryptionPublicKey: z.string() }).strict(),
  },
});
