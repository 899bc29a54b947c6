// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { opaqueReady } from "../../infra/config/opaque";

type OpaqueServer = Awaited<ReturnType<typeof opaqueReady>>;

/**
 * The server's answer to an OPAQUE registration request. The identifier is
 * the account name in lower case, exactly as it is stored, so the record
 * made now opens at every later login. Throws the library's error on a
 * malformed request; callers turn it into their own `invalid_body`.
 */
export function registrationResponseFor(
  server: OpaqueServer,
  ctx: AppContext,
  props: { username: string; registrationRequest: string },
): string {
  return server.createRegistrationResponse({
    serverSetup: ctx.secrets.opaqueServerSetup,
    userIdentifier: props.username.toLowerCase(),
    registrationRequest: props.registrationRequest,
  }).registrationResponse;
}

/**
 * OPAQUE registration, step 1, for a new account (first-start setup, an
 * invitation). The caller checks first who may register (token,
 * invitation); step 2 stores the record the client sends with the account.
 */
export async function startOpaqueRegistration(
  ctx: AppContext,
  props: { username: string; registrationRequest: string },
): Promise<string> {
  const server = await opaqueReady();
  try {
    return registrationResponseFor(server, ctx, props);
  } catch {
    throw new AppError("invalid_body", "The registration request is not a valid OPAQUE message");
  }
}
