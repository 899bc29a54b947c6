// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ProcessingRecordView, ProcessorInput, ProcessorView, SubProcessor } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import type { AppContext } from "../../core/context";
import { AppError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import { authorize } from "../../policies";
import {
  claimProcessorSeed,
  countProcessorReviewsDue,
  hasProcessorSeed,
  insertProcessor,
  listProcessorRows,
  processorRow,
  updateProcessorRow,
  type ProcessorRow,
} from "./store-processors";

/**
 * The processor register (Art. 28 GDPR, ADR 0049). Administrators keep it,
 * the DPO reads it (`processor.read` / `processor.write`), and the Art. 30
 * record lists its active entries. OBHUT_PROCESSORS only seeds an
 * organisation's register, once, while it holds no entry; from then on the
 * console is the one place processors are kept. The audit chain records who
 * added, changed or archived which entry and which fields changed, with the
 * non-text facts (country, transfer, safeguard, dates) but never the notes.
 */

export type RecordProcessor = ProcessingRecordView["processors"][number];

/** Today's date (UTC) on the server's clock, as YYYY-MM-DD. */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function subProcessorsOf(r: ProcessorRow): SubProcessor[] {
  return JSON.parse(r.sub_processors) as SubProcessor[];
}

function view(r: ProcessorRow, today: string): ProcessorView {
  const archivedAt = r.archived_at === null ? null : Number(r.archived_at);
  return {
    id: r.id,
    name: r.name,
    service: r.service,
    location: r.location,
    country: r.country,
    thirdCountryTransfer: Number(r.third_country) === 1,
    safeguard: r.safeguard,
    contractDate: r.contract_date,
    reviewDate: r.review_date,
    subProcessors: subProcessorsOf(r),
    notes: r.notes,
    archivedAt,
    reviewDue: archivedAt === null && r.review_date !== null && r.review_date < today,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/**
 * Seeds the organisation's register from OBHUT_PROCESSORS once, while it holds
 * no entry at all (archived ones count: they are its history). Lazily, on the
 * first read, because organisations are created after the instance starts.
 */
async function seedFromConfig(ctx: AppContext, orgId: string): Promise<void> {
  const seeds = ctx.config.processors ?? [];
  if (seeds.length === 0) return;
  const db = ctx.db.db;
  if (await hasProcessorSeed(db, orgId)) return;
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    if (!(await claimProcessorSeed(trx, orgId, now))) return;
    for (const p of seeds)
      await insertProcessor(trx, {
        id: newId(),
        organisation_id: orgId,
        name: p.name,
        service: p.service,
        location: p.location,
        country: null,
        third_country: 0,
        safeguard: null,
        contract_date: null,
        review_date: null,
        sub_processors: "[]",
        notes: "",
        archived_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: null,
      action: "processor.seed",
      data: { count: seeds.length, source: "OBHUT_PROCESSORS" },
    });
  });
}

export async function listProcessors(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<ProcessorView[]> {
  authorize(props.actor, "processor.read", { type: "organisation", organisationId: props.orgId });
  await seedFromConfig(ctx, props.orgId);
  const today = dayOf(ctx.clock.now());
  return (await listProcessorRows(ctx.db.db, props.orgId)).map((r) => view(r, today));
}

/** The active processors as the Art. 30 record lists them; optional fields only where the register holds them. */
export async function recordProcessors(ctx: AppContext, orgId: string): Promise<RecordProcessor[]> {
  await seedFromConfig(ctx, orgId);
  const rows = (await listProcessorRows(ctx.db.db, orgId)).filter((r) => r.archived_at === null);
  return rows.map((r) => {
    const subs = subProcessorsOf(r);
    return {
      name: r.name,
      service: r.service,
      location: r.location,
      ...(r.country !== null ? { country: r.country } : {}),
      ...(Number(r.third_country) === 1 && r.safeguard !== null ? { thirdCountrySafeguard: r.safeguard } : {}),
      ...(r.contract_date !== null ? { contractDate: r.contract_date } : {}),
      ...(r.review_date !== null ? { reviewDate: r.review_date } : {}),
      ...(subs.length > 0 ? { subProcessors: subs.map((s) => ({ name: s.name, country: s.country })) } : {}),
    };
  });
}

/** For the administrators' attention list. */
export async function processorReviewsDue(ctx: AppContext, orgId: string): Promise<number> {
  return countProcessorReviewsDue(ctx.db.db, orgId, dayOf(ctx.clock.now()));
}

/** The row's columns from what an administrator entered; a third-country transfer needs its safeguard. */
function columnsOf(
  input: ProcessorInput,
): Pick<
  ProcessorRow,
  | "name"
  | "service"
  | "location"
  | "country"
  | "third_country"
  | "safeguard"
  | "contract_date"
  | "review_date"
  | "sub_processors"
  | "notes"
> {
  if (input.thirdCountryTransfer && input.safeguard === null)
    throw new AppError("processor_safeguard_required", "A transfer to a third country needs its safeguard", {
      issues: [{ path: "safeguard", message: "required when thirdCountryTransfer is true" }],
    });
  return {
    name: input.name,
    service: input.service,
    location: input.location,
    country: input.country,
    third_country: input.thirdCountryTransfer ? 1 : 0,
    // Without a transfer there is nothing to safeguard: a stale choice is not kept.
    safeguard: input.thirdCountryTransfer ? input.safeguard : null,
    contract_date: input.contractDate,
    review_date: input.reviewDate,
    sub_processors: JSON.stringify(input.subProcessors.map((s) => ({ name: s.name, country: s.country }))),
    notes: input.notes,
  };
}

/** The audited facts of an entry: no free text (the notes may say anything). */
function auditFacts(
  r: Pick<ProcessorRow, "country" | "third_country" | "safeguard" | "contract_date" | "review_date">,
) {
  return {
    country: r.country,
    thirdCountryTransfer: Number(r.third_country) === 1,
    safeguard: r.safeguard,
    contractDate: r.contract_date,
    reviewDate: r.review_date,
  };
}

export async function createProcessor(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; input: ProcessorInput },
): Promise<ProcessorView> {
  const { actor, orgId } = props;
  authorize(actor, "processor.write", { type: "organisation", organisationId: orgId });
  const now = ctx.clock.now();
  const row: ProcessorRow = {
    id: newId(),
    organisation_id: orgId,
    ...columnsOf(props.input),
    archived_at: null,
    created_by: actor.accountId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertProcessor(trx, row);
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "processor.create",
      target: { type: "processor", id: row.id },
      data: { ...auditFacts(row), subProcessors: props.input.subProcessors.length },
    });
  });
  return view(row, dayOf(now));
}

const FIELDS: [keyof ProcessorInput, keyof ProcessorRow][] = [
  ["name", "name"],
  ["service", "service"],
  ["location", "location"],
  ["country", "country"],
  ["thirdCountryTransfer", "third_country"],
  ["safeguard", "safeguard"],
  ["contractDate", "contract_date"],
  ["reviewDate", "review_date"],
  ["subProcessors", "sub_processors"],
  ["notes", "notes"],
];

export async function updateProcessor(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; processorId: string; input: ProcessorInput },
): Promise<ProcessorView> {
  const { actor, orgId } = props;
  authorize(actor, "processor.write", { type: "organisation", organisationId: orgId });
  const columns = columnsOf(props.input);
  const now = ctx.clock.now();
  const updated = await ctx.db.db.transaction().execute(async (trx) => {
    const before = await processorRow(trx, orgId, props.processorId);
    if (!before) throw new NotFoundError("No such processor");
    if (before.archived_at !== null) throw new AppError("processor_archived", "An archived processor is not changed");
    const next: ProcessorRow = { ...before, ...columns, updated_at: now };
    const changed = FIELDS.filter(([, col]) => String(before[col]) !== String(next[col])).map(([f]) => f);
    if (changed.length === 0) return before;
    const { id: _id, organisation_id: _o, created_by: _c, created_at: _ca, ...values } = next;
    await updateProcessorRow(trx, before.id, values);
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "processor.update",
      target: { type: "processor", id: before.id },
      data: { fields: changed.join(","), ...auditFacts(next) },
    });
    return next;
  });
  return view(updated, dayOf(now));
}

export async function archiveProcessor(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; processorId: string },
): Promise<ProcessorView> {
  const { actor, orgId } = props;
  authorize(actor, "processor.write", { type: "organisation", organisationId: orgId });
  const now = ctx.clock.now();
  const archived = await ctx.db.db.transaction().execute(async (trx) => {
    const before = await processorRow(trx, orgId, props.processorId);
    if (!before) throw new NotFoundError("No such processor");
    if (before.archived_at !== null) throw new AppError("processor_archived", "The processor is archived already");
    const next: ProcessorRow = { ...before, archived_at: now, updated_at: now };
    const { id: _id, organisation_id: _o, created_by: _c, created_at: _ca, ...values } = next;
    await updateProcessorRow(trx, before.id, values);
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "processor.archive",
      target: { type: "processor", id: before.id },
    });
    return next;
  });
  return view(archived, dayOf(now));
}
