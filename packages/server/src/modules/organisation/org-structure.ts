// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyAdminView, AgencyInput, OrgTopicView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { recordAudit } from "../../core/audit";
import { syncTeamCases } from "../cases";
import { newId } from "../../core/ids";
import { type AnnounceContext, announceEndedSessions, endSessionsOf, orgStaffAccount } from "../identity";
import {
  findOrgAgency,
  findTopicBySlug,
  insertAgency,
  insertTopic,
  listAgencyRows,
  listAgencyTopics,
  listOrgTopics,
  listTopicRows,
  setAgencyTopics,
  updateOrgAgency,
} from "./store-agencies";
import { deleteSecondFactorsOf } from "./store-accounts";
import {
  deleteTeamMember,
  findTeam,
  findTeamRole,
  insertTeam,
  insertTeamMember,
  setTeamMemberRole,
} from "./store-teams";

/**
 * The organisation structure an admin maintains in the console: agencies
 * (what the finder shows), topics, teams and team membership, and the
 * reset of a staff member's second factor. Every change is audited with the
 * acting person. Team membership here is the server's directory only; the
 * admin's browser adds the signed org-log entries and team key wraps.
 */

type Db = Kysely<Database> | Transaction<Database>;

const parseList = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

/** "" and whitespace mean "not given". */
const textOrNull = (s: string | null): string | null => (s === null || s.trim() === "" ? null : s.trim());

async function loadAgencies(db: Db, orgId: string, agencyId?: string): Promise<AgencyAdminView[]> {
  const rows = await listAgencyRows(db, orgId, agencyId);
  const ids = rows.map((r) => r.id);
  const topics = ids.length ? await listAgencyTopics(db, ids) : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    postcodes: parseList(r.postcodes),
    topicIds: topics
      .filter((t) => t.agency_id === r.id)
      .map((t) => t.topic_id)
      .sort(),
    languages: parseList(r.languages),
    openingHours: r.opening_hours,
    onlineAnywhere: r.online_anywhere === 1,
    greeting: r.greeting ?? null,
    greetingInformal: r.greeting_informal ?? null,
    createdAt: r.created_at,
  }));
}

async function loadTopics(db: Db, orgId: string): Promise<OrgTopicView[]> {
  const rows = await listTopicRows(db, orgId);
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, addressForm: r.address_form }));
}

export async function listAgencies(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<{ agencies: AgencyAdminView[]; topics: OrgTopicView[] }> {
  authorize(props.actor, "agency.read", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const [agencies, topics] = await Promise.all([loadAgencies(db, props.orgId), loadTopics(db, props.orgId)]);
  return { agencies, topics };
}

/** Topics must be the organisation's own: another tenant's topic id is "not found", like any foreign id. */
async function checkTopics(db: Db, orgId: string, topicIds: readonly string[]): Promise<void> {
  if (topicIds.length === 0) return;
  const found = await listOrgTopics(db, orgId, topicIds);
  if (found.length !== new Set(topicIds).size) throw new NotFoundError("No such topic");
}

function agencyColumns(input: AgencyInput) {
  return {
    name: input.name.trim(),
    address: textOrNull(input.address),
    postcodes: JSON.stringify([...new Set(input.postcodes)]),
    languages: JSON.stringify([...new Set(input.languages)]),
    opening_hours: textOrNull(input.openingHours),
    online_anywhere: input.onlineAnywhere ? 1 : 0,
    greeting: textOrNull(input.greeting),
    greeting_informal: textOrNull(input.greetingInformal ?? null),
  };
}

export async function createAgency(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; input: AgencyInput },
): Promise<AgencyAdminView> {
  authorize(props.actor, "agency.manage", { type: "organisation", organisationId: props.orgId });
  if (props.input.name.trim() === "") throw new AppError("invalid_body", "An agency needs a name");
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.db.transaction().execute(async (trx) => {
    await checkTopics(trx, props.orgId, props.input.topicIds);
    await insertAgency(trx, { id, organisation_id: props.orgId, created_at: now, ...agencyColumns(props.input) });
    await setAgencyTopics(trx, id, props.input.topicIds);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "agency.created",
      target: { type: "agency", id },
      data: { topics: props.input.topicIds.length, online: props.input.onlineAnywhere },
    });
  });
  return (await loadAgencies(ctx.db.db, props.orgId, id))[0]!;
}

export async function updateAgency(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; agencyId: string; input: AgencyInput },
): Promise<AgencyAdminView> {
  authorize(props.actor, "agency.manage", { type: "organisation", organisationId: props.orgId });
  if (props.input.name.trim() === "") throw new AppError("invalid_body", "An agency needs a name");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    // The agency is looked up under the path's organisation: another tenant's agency id is simply not found.
    const updated = await updateOrgAgency(trx, props.orgId, props.agencyId, agencyColumns(props.input));
    if (updated !== 1) throw new NotFoundError("No such agency");
    await checkTopics(trx, props.orgId, props.input.topicIds);
    await setAgencyTopics(trx, props.agencyId, props.input.topicIds);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "agency.updated",
      target: { type: "agency", id: props.agencyId },
      data: { topics: props.input.topicIds.length, online: props.input.onlineAnywhere },
    });
  });
  return (await loadAgencies(ctx.db.db, props.orgId, props.agencyId))[0]!;
}

export async function createTopic(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; slug: string; name: string; addressForm: "formal" | "informal" },
): Promise<OrgTopicView> {
  authorize(props.actor, "agency.manage", { type: "organisation", organisationId: props.orgId });
  const name = props.name.trim();
  if (name === "") throw new AppError("invalid_body", "A topic needs a name");
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.db.transaction().execute(async (trx) => {
    const taken = await findTopicBySlug(trx, props.orgId, props.slug);
    if (taken) throw new AppError("conflict", "The organisation already has a topic with this short name");
    await insertTopic(trx, {
      id,
      organisation_id: props.orgId,
      slug: props.slug,
      name,
      address_form: props.addressForm,
      created_at: now,
    });
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "topic.created",
      target: { type: "topic", id },
      data: { slug: props.slug },
    });
  });
  return { id, slug: props.slug, name, addressForm: props.addressForm };
}

export async function createTeam(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; name: string; agencyId: string | null; isIntake: boolean },
): Promise<{ id: string; name: string; agencyId: string | null; isIntake: boolean }> {
  authorize(props.actor, "team.create", { type: "organisation", organisationId: props.orgId });
  const name = props.name.trim();
  if (name === "") throw new AppError("invalid_body", "A team needs a name");
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.db.transaction().execute(async (trx) => {
    if (props.agencyId) {
      const agency = await findOrgAgency(trx, props.orgId, props.agencyId);
      if (!agency) throw new NotFoundError("No such agency");
    }
    await insertTeam(trx, {
      id,
      organisation_id: props.orgId,
      agency_id: props.agencyId,
      name,
      is_intake: props.isIntake ? 1 : 0,
      created_at: now,
    });
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "team.created",
      target: { type: "team", id },
      data: { agencyId: props.agencyId, intake: props.isIntake },
    });
  });
  return { id, name, agencyId: props.agencyId, isIntake: props.isIntake };
}

/** The team, checked against the path's organisation before the policy decides (foreign ids are not found). */
async function authorizeTeamChange(db: Db, actor: Actor, orgId: string, teamId: string): Promise<void> {
  const team = await findTeam(db, teamId);
  const own = await findTeamRole(db, teamId, actor.accountId);
  authorize(actor, "team.members.manage", {
    type: "team",
    organisationId: orgId,
    teamId,
    actorTeamRole: own?.role ?? null,
  });
  if (!team || team.organisation_id !== orgId) throw new NotFoundError("No such team");
}

/**
 * Adds an active staff member of the organisation to a team, or changes
 * their team role. Their case conversations follow at once (syncTeamCases);
 * they can read cases once the admin's browser has wrapped the team key.
 */
export async function addTeamMember(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; teamId: string; accountId: string; role: "member" | "lead" },
): Promise<{ accountId: string; role: "member" | "lead"; added: boolean }> {
  const now = ctx.clock.now();
  return ctx.db.db.transaction().execute(async (trx) => {
    await authorizeTeamChange(trx, props.actor, props.orgId, props.teamId);
    const account = await orgStaffAccount(trx, props.orgId, props.accountId);
    if (account.disabled_at !== null) throw new AppError("conflict", "A deactivated account cannot join a team");
    const existing = await findTeamRole(trx, props.teamId, props.accountId);
    if (existing) {
      if (existing.role !== props.role) await setTeamMemberRole(trx, props.teamId, props.accountId, props.role);
    } else {
      await insertTeamMember(trx, { teamId: props.teamId, accountId: props.accountId, role: props.role, addedAt: now });
      await syncTeamCases(trx, now, props.teamId);
    }
    if (!existing || existing.role !== props.role)
      await recordAudit(trx, now, {
        organisationId: props.orgId,
        actorId: props.actor.accountId,
        action: existing ? "team.member_role_changed" : "team.member_added",
        target: { type: "account", id: props.accountId },
        data: { teamId: props.teamId, role: props.role },
      });
    return { accountId: props.accountId, role: props.role, added: !existing };
  });
}

/** Removes a member from a team: their case access ends now; the admin's browser rotates the team key next. */
export async function removeTeamMember(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; teamId: string; accountId: string },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await authorizeTeamChange(trx, props.actor, props.orgId, props.teamId);
    const removed = await deleteTeamMember(trx, props.teamId, props.accountId);
    if (removed !== 1) throw new NotFoundError("Not a member of this team");
    await syncTeamCases(trx, now, props.teamId);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "team.member_removed",
      target: { type: "account", id: props.accountId },
      data: { teamId: props.teamId },
    });
  });
}

/**
 * Removes a staff member's authenticator app and passkeys (lost phone, new
 * device) and ends their sessions. At the next login the second-factor rule
 * finds no factor, so they must enrol one before any access — exactly the
 * first-access path. Another admin has to do it (not oneself): a stolen
 * admin session must not be able to strip its own account's factor.
 */
export async function resetSecondFactor(
  ctx: Pick<AppContext, "db" | "clock"> & AnnounceContext,
  props: { actor: Actor; orgId: string; accountId: string },
): Promise<{ removed: { totp: boolean; passkeys: number }; endedSessions: number }> {
  authorize(props.actor, "account.mfa.reset", {
    type: "account",
    organisationId: props.orgId,
    accountId: props.accountId,
  });
  const now = ctx.clock.now();
  const result = await ctx.db.db.transaction().execute(async (trx) => {
    const target = await orgStaffAccount(trx, props.orgId, props.accountId);
    const factors = await deleteSecondFactorsOf(trx, target.id);
    const ended = await endSessionsOf(trx, { accountId: target.id, now });
    const removed = { totp: factors.totp > 0, passkeys: factors.passkeys };
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "account.second_factor_reset",
      target: { type: "account", id: target.id },
      data: { totp: removed.totp, passkeys: removed.passkeys, sessionsEnded: ended.length },
    });
    return { removed, ended };
  });
  await announceEndedSessions(ctx, result.ended);
  return { removed: result.removed, endedSessions: result.ended.length };
}
