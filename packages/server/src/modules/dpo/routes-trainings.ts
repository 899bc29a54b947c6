// SPDX-License-Identifier: AGPL-3.0-or-later
import { ConfirmTraining, CreateTraining, ListMyTrainings, ListTrainings } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { confirmTraining, createTraining, listMyTrainings, listTrainings } from "./trainings";

/** Training records (ADR 0048): the DPO's overview and set-up, a staff member's own trainings and confirmation. */
export function registerTrainingRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(ListTrainings, async ({ actor, params }) => ({
    status: 200,
    body: await listTrainings(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(CreateTraining, async ({ actor, params, body }) => ({
    status: 201,
    body: { training: await createTraining(ctx, { actor, orgId: params.orgId, input: body }) },
  }));

  routes.add(ListMyTrainings, async ({ actor, params }) => ({
    status: 200,
    body: await listMyTrainings(ctx, { actor, orgId: params.orgId }),
  }));

  routes.add(ConfirmTraining, async ({ actor, params, body }) => ({
    status: 201,
    body: {
      training: await confirmTraining(ctx, {
        actor,
        orgId: params.orgId,
        trainingId: params.trainingId,
        attendedOn: body.attendedOn,
      }),
    },
  }));
}
