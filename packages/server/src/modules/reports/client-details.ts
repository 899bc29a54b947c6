// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ClientDetailQuestions, ClientDetailsAnswer, MyClientDetails } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { AppError, ForbiddenError, NotFoundError } from "../../core/errors";
import { authorize } from "../../policies";
import {
  clearUnasked,
  clientOrganisations,
  knowsOrganisation,
  questionsOf,
  storeAnswer,
  storeQuestions,
} from "./store-client-details";

/**
 * Voluntary client details for the statistics (issue #22, ADR 0050). The
 * organisation's administrators choose which questions are asked (audited);
 * a client with a case there answers, changes or clears them. The answer is
 * the client's own: not audited (an audit entry would itself say when a
 * client gave details), not visible to counsellors, only counted in the
 * suppressed statistics.
 */

export async function getClientDetailQuestions(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<ClientDetailQuestions> {
  authorize(props.actor, "statistics.read", { type: "organisation", organisationId: props.orgId });
  return questionsOf(ctx.db.db, props.orgId);
}

export async function setClientDetailQuestions(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; questions: ClientDetailQuestions },
): Promise<ClientDetailQuestions> {
  authorize(props.actor, "statistics.settings", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await storeQuestions(trx, props.orgId, props.questions, now);
    await clearUnasked(trx, props.orgId, props.questions);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "statistics.client_detail_questions_updated",
      target: { type: "organisation", id: props.orgId },
      data: { ageBand: props.questions.ageBand, gender: props.questions.gender },
    });
  });
  return props.questions;
}

function clientOnly(actor: Actor): void {
  if (actor.kind !== "client") throw new ForbiddenError("Only clients give voluntary details");
}

export async function readMyClientDetails(ctx: AppContext, actor: Actor): Promise<MyClientDetails> {
  clientOnly(actor);
  const orgs = await clientOrganisations(ctx.db.db, actor.accountId);
  return {
    organisations: orgs
      .filter((o) => o.questions.ageBand || o.questions.gender)
      .map((o) => ({
        organisationId: o.id,
        organisationName: o.name,
        questions: o.questions,
        // Turning a question off clears its answers (clearUnasked); masked here all the same.
        answer: {
          ageBand: o.questions.ageBand ? o.answer.ageBand : null,
          gender: o.questions.gender ? o.answer.gender : null,
        },
      })),
  };
}

export async function answerClientDetails(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; answer: ClientDetailsAnswer },
): Promise<ClientDetailsAnswer> {
  clientOnly(props.actor);
  const db = ctx.db.db;
  // Only where the client has a case (or answers from one since deleted, to change or clear them); elsewhere the
  // organisation is none of theirs (404, nothing told).
  if (!(await knowsOrganisation(db, props.orgId, props.actor.accountId)))
    throw new NotFoundError("No such organisation");
  const questions = await questionsOf(db, props.orgId);
  if ((props.answer.ageBand !== null && !questions.ageBand) || (props.answer.gender !== null && !questions.gender))
    throw new AppError("client_detail_not_asked", "The organisation does not ask this detail");
  await storeAnswer(db, props.orgId, props.actor.accountId, props.answer, ctx.clock.now());
  return props.answer;
}
