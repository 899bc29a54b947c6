// SPDX-License-Identifier: AGPL-3.0-or-later
import { ForgetDevice, ListDevices, RememberDevice, UnlockWithDevice } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { forgetDevice, listDevices, rememberDevice, unlockWithDevice } from "./devices";

export function registerDeviceRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(RememberDevice, async ({ actor, body }) => ({
    status: 201,
    body: { device: await rememberDevice(ctx, actor, body) },
  }));

  routes.add(ListDevices, async ({ actor }) => ({
    status: 200,
    body: { devices: await listDevices(ctx, actor) },
  }));

  routes.add(UnlockWithDevice, async ({ actor, params }) => ({
    status: 200,
    body: await unlockWithDevice(ctx, actor, params.deviceId),
  }));

  routes.add(ForgetDevice, async ({ actor, params }) => {
    await forgetDevice(ctx, actor, params.deviceId);
    return { status: 204, body: null };
  });
}
