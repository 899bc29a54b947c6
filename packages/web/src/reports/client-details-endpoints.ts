// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  GetClientDetailQuestions,
  GetMyClientDetails,
  PutClientDetailQuestions,
  PutMyClientDetails,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Voluntary client details for the statistics (ADR 0050).
export const clientDetailQuestions: Endpoint<typeof GetClientDetailQuestions> = {
  method: "GET",
  path: "/api/organisations/:orgId/client-details/questions",
};
export const putClientDetailQuestions: Endpoint<typeof PutClientDetailQuestions> = {
  method: "PUT",
  path: "/api/organisations/:orgId/client-details/questions",
};
export const myClientDetails: Endpoint<typeof GetMyClientDetails> = {
  method: "GET",
  path: "/api/account/client-details",
};
export const putMyClientDetails: Endpoint<typeof PutMyClientDetails> = {
  method: "PUT",
  path: "/api/account/client-details/:orgId",
};
