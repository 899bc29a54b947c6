// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText, singleLineText } from "../text";
import { OrganisationIdParams } from "./admin";
import { CalendarDate } from "./dsr";

/**
 * The processor register (Art. 28 GDPR, issue #21, ADR 0049): who processes
 * personal data on the organisation's behalf, where, under which contract and
 * safeguard, with which sub-processors, and when the contract is next
 * reviewed. Administrators keep it; the DPO reads it; the Art. 30 record lists
 * its active entries. Entries are archived, never deleted, so a stored record
 * version still names what it named. Every change audited (field names only).
 */

/** ISO 3166-1 alpha-2, upper case ("DE", "US"). */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code");

/**
 * The legal ground of a transfer to a third country (Chapter V GDPR): an
 * adequacy decision (Art. 45), standard contractual clauses (Art. 46(2)(c)),
 * binding corporate rules (Art. 47) or another ground (described in the notes).
 */
export const ProcessorSafeguard = z.enum(["adequacy", "scc", "bcr", "other"]);
export type ProcessorSafeguard = z.infer<typeof ProcessorSafeguard>;

export const SubProcessor = z
  .object({ name: singleLineText({ min: 1, max: 200, trim: true }), country: CountryCode })
  .strict();
export type SubProcessor = z.infer<typeof SubProcessor>;

export const PROCESSOR_LIMITS = { subProcessors: 50 } as const;

/** What an administrator enters. A third-country transfer needs its safeguard (`processor_safeguard_required`). */
export const ProcessorInput = z
  .object({
    name: singleLineText({ min: 1, max: 200, trim: true }),
    /** The service and purpose, e.g. "Server, Speicher und Sicherungen". */
    service: singleLineText({ min: 1, max: 500, trim: true }),
    /** Where it processes, e.g. "Frankfurt am Main". */
    location: singleLineText({ min: 1, max: 200, trim: true }),
    /** Null only for entries seeded from OBHUT_PROCESSORS, whose location is free text. */
    country: CountryCode.nullable(),
    thirdCountryTransfer: z.boolean(),
    safeguard: ProcessorSafeguard.nullable(),
    /** The day the Art. 28 contract was signed; null: no contract in place yet. */
    contractDate: CalendarDate.nullable(),
    /** When the contract and the processor's measures are next to be reviewed. */
    reviewDate: CalendarDate.nullable(),
    subProcessors: z.array(SubProcessor).max(PROCESSOR_LIMITS.subProcessors),
    notes: multiLineText({ max: 5_000 }),
  })
  .strict();
export type ProcessorInput = z.infer<typeof ProcessorInput>;

export const ProcessorView = ProcessorInput.extend({
  id: Id,
  /** Archived entries stay in the register's history and leave the Art. 30 record. */
  archivedAt: z.number().int().nullable(),
  /** The review date has passed (server's day, UTC) and the entry is not archived: "Prüfung fällig". */
  reviewDue: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})
  .strict()
  .meta({ id: "Processor" });
export type ProcessorView = z.infer<typeof ProcessorView>;

const ProcessorParams = z.object({ orgId: Id, processorId: Id }).strict();
const One = z.object({ processor: ProcessorView }).strict();

export const ListProcessors = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/processors",
  summary: "The processor register (Art. 28), active entries first, archived ones after (admins, DPO)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ processors: z.array(ProcessorView) }).strict() },
});

export const CreateProcessor = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/processors",
  summary:
    "Add a processor; a third-country transfer needs its safeguard (processor_safeguard_required) (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: ProcessorInput,
  responses: { 201: One },
});

export const UpdateProcessor = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/processors/:processorId",
  summary: "Change a processor; an archived one is not changed (processor_archived) (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: ProcessorParams,
  body: ProcessorInput,
  responses: { 200: One },
});

export const ArchiveProcessor = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/processors/:processorId/archive",
  summary: "Archive a processor: it leaves the Art. 30 record and stays in the register's history (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: ProcessorParams,
  responses: { 200: One },
});
