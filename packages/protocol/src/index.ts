// SPDX-License-Identifier: AGPL-3.0-or-later
// First: configures zod before any schema is built (see zod-config.ts).
import "./zod-config";
export * from "./errors";
export * from "./common";
export * from "./text";
export * from "./route";
export * from "./routes/index";
export * from "./ws";
export { buildOpenApi, PROTOCOL_VERSION } from "./openapi";
