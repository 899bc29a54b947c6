// SPDX-License-Identifier: AGPL-3.0-or-later
import { ForgetDevice, ListDevices, RememberDevice, UnlockWithDevice } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { forgetDevice, listDevices, rememberDevice, unlockWithDevice } from "./devices";

export function registerDeviceRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, RememberDevice, async ({ actor, body }) => ({
    status: 201,
    body: { device: await rememberDevice(ctx, actor, body) },
  }));

  registerRoute(app, ctx, ListDevices, async ({ actor }) => ({
    status: 200,
    body: { devices: await listDevices(ctx, actor) },
  }));

  registerRoute(app, ctx, UnlockWithDevice, async ({ actor, params }) => ({
    status: 200,
    body: await unlockWithDevice(ctx, actor, params.deviceId),
  }));

  registerRoute(app, ctx, ForgetDevice, async ({ actor, params }) => {
    await forgetDevice(ctx, actor, params.deviceId);
    return { status: 204, body: null };
  });
}
