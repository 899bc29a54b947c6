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
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { mfaStatus } from "./mfa";
import { confirmTotp, enrolTotp, verifyTotp } from "./mfa-totp";
import {
  webauthnAuthenticateOptions,
  webauthnAuthenticateVerify,
  webauthnRegisterOptions,
  webauthnRegisterVerify,
} from "./mfa-webauthn";

export function registerMfaRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, GetMfaStatus, async ({ actor }) => ({ status: 200, body: await mfaStatus(ctx, actor) }));

  registerRoute(app, ctx, EnrolTotp, async ({ actor, reply }) => {
    // The secret is shown once; no cache may keep it.
    reply.header("cache-control", "no-store");
    return { status: 200, body: await enrolTotp(ctx, actor) };
  });

  registerRoute(app, ctx, ConfirmTotp, async ({ actor, body }) => ({
    status: 200,
    body: { status: await confirmTotp(ctx, actor, body.code) },
  }));

  registerRoute(app, ctx, VerifyTotp, async ({ actor, body }) => ({
    status: 200,
    body: { status: await verifyTotp(ctx, actor, body.code) },
  }));

  registerRoute(app, ctx, WebauthnRegisterOptions, async ({ actor }) => ({
    status: 200,
    body: { options: await webauthnRegisterOptions(ctx, actor) },
  }));

  registerRoute(app, ctx, WebauthnRegisterVerify, async ({ actor, body }) => ({
    status: 200,
    body: { status: await webauthnRegisterVerify(ctx, actor, body.response) },
  }));

  registerRoute(app, ctx, WebauthnAuthenticateOptions, async ({ actor }) => ({
    status: 200,
    body: { options: await webauthnAuthenticateOptions(ctx, actor) },
  }));

  registerRoute(app, ctx, WebauthnAuthenticateVerify, async ({ actor, body }) => ({
    status: 200,
    body: { status: await webauthnAuthenticateVerify(ctx, actor, body.response) },
  }));
}
