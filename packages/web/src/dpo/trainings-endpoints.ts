// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConfirmTraining, CreateTraining, ListMyTrainings, ListTrainings } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Training records (ADR 0048): the DPO's overview and set-up; a staff member's own trainings and confirmation.
export const trainings: Endpoint<typeof ListTrainings> = {
  method: "GET",
  path: "/api/organisations/:orgId/trainings",
};
export const createTraining: Endpoint<typeof CreateTraining> = {
  method: "POST",
  path: "/api/organisations/:orgId/trainings",
};
export const myTrainings: Endpoint<typeof ListMyTrainings> = {
  method: "GET",
  path: "/api/organisations/:orgId/trainings/mine",
};
export const confirmTraining: Endpoint<typeof ConfirmTraining> = {
  method: "POST",
  path: "/api/organisations/:orgId/trainings/:trainingId/confirmations",
};
