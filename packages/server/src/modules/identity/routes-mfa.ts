// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ConfirmTotp,
  EnrolTotp,
  GetMfaStatus,
  VerifyTotp,
  WebauthnAuthenticateOptions,
  WebauthnAuthenticateVerify,
  WebauthnRegisterOptions,
  WebauthnRegisterVerify,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { mfaStatus } from "./mfa";
import { confirmTotp, enrolTotp, verifyTotp } from "./mfa-totp";
import {
  webauthnAuthenticateOptions,
  webauthnAuthenticateVerify,
  webauthnRegisterOptions,
  webauthnRegisterVerify,
} from "./mfa-webauthn";

export function registerMfaRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetMfaStatus, async ({ actor }) => ({ status: 200, body: await mfaStatus(ctx, actor) }));

  routes.add(EnrolTotp, async ({ actor, reply }) => {
    // The secret is shown once; no cache may keep it.
    reply.header("cache-control", "no-store");
    return { status: 200, body: await enrolTotp(ctx, actor) };
  });

  routes.add(ConfirmTotp, async ({ actor, body }) => ({
    status: 200,
    body: { status: await confirmTotp(ctx, actor, body.code) },
  }));

  routes.add(VerifyTotp, async ({ actor, body }) => ({
    status: 200,
    body: { status: await verifyTotp(ctx, actor, body.code) },
  }));

  routes.add(WebauthnRegisterOptions, async ({ actor }) => ({
    status: 200,
    body: { options: await webauthnRegisterOptions(ctx, actor) },
  }));

  routes.add(WebauthnRegisterVerify, async ({ actor, body }) => ({
    status: 200,
    body: { status: await webauthnRegisterVerify(ctx, actor, body.response) },
  }));

  routes.add(WebauthnAuthenticateOptions, async ({ actor }) => ({
    status: 200,
    body: { options: await webauthnAuthenticateOptions(ctx, actor) },
  }));

  routes.add(WebauthnAuthenticateVerify, async ({ actor, body }) => ({
    status: 200,
    body: { status: await webauthnAuthenticateVerify(ctx, actor, body.response) },
  }));
}
