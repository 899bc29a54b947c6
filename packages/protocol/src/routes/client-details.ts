// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { OrganisationIdParams } from "./admin";

/**
 * Voluntary client details for the statistics (issue #22, ADR 0050). An
 * organisation chooses which of two questions its clients are asked (age
 * band, gender; both off by default); a client may answer, change or clear
 * them at any time. Only the band is stored, per client and organisation, as
 * metadata the server sees (not end-to-end encrypted); never derived from
 * content. `null` is "keine Angabe".
 */

export const AgeBand = z.enum(["under_14", "14_17", "18_26", "27_49", "50_64", "65_plus"]);
export type AgeBand = z.infer<typeof AgeBand>;

export const Gender = z.enum(["female", "male", "diverse"]);
export type Gender = z.infer<typeof Gender>;

export const ClientDetailQuestions = z
  .object({ ageBand: z.boolean(), gender: z.boolean() })
  .strict()
  .meta({ id: "ClientDetailQuestions" });
export type ClientDetailQuestions = z.infer<typeof ClientDetailQuestions>;

export const GetClientDetailQuestions = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/client-details/questions",
  summary: "Which voluntary client details (age band, gender) the organisation asks for its statistics (admins, DPO)",
  tag: "statistics",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: ClientDetailQuestions },
});

export const PutClientDetailQuestions = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/client-details/questions",
  summary: "Turn the voluntary age-band and gender questions on or off (admins; audited)",
  tag: "statistics",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: ClientDetailQuestions,
  responses: { 200: ClientDetailQuestions },
});

export const ClientDetailsAnswer = z
  .object({ ageBand: AgeBand.nullable(), gender: Gender.nullable() })
  .strict()
  .meta({ id: "ClientDetailsAnswer" });
export type ClientDetailsAnswer = z.infer<typeof ClientDetailsAnswer>;

export const MyClientDetails = z
  .object({
    organisations: z.array(
      z
        .object({
          organisationId: Id,
          organisationName: z.string(),
          /** The questions this organisation asks; only those are shown and accepted. */
          questions: ClientDetailQuestions,
          answer: ClientDetailsAnswer,
        })
        .strict(),
    ),
  })
  .strict()
  .meta({ id: "MyClientDetails" });
export type MyClientDetails = z.infer<typeof MyClientDetails>;

export const GetMyClientDetails = defineRoute({
  method: "GET",
  path: "/api/account/client-details",
  summary: "Client: the organisations I have cases with that ask voluntary details, and my answers",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: MyClientDetails },
});

export const PutMyClientDetails = defineRoute({
  method: "PUT",
  path: "/api/account/client-details/:orgId",
  summary: "Client: answer, change or clear (null) the voluntary details for one organisation's statistics",
  tag: "account",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: ClientDetailsAnswer,
  responses: { 200: ClientDetailsAnswer },
});
