// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetDisplayName, SetDisplayName } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { getDisplayName, setDisplayName } from "./display-name";

/** A staff member's name as clients see it in their cases (it updates their open cases). */
export function registerDisplayNameRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetDisplayName, async ({ actor }) => ({
    status: 200,
    body: await getDisplayName(ctx, actor),
  }));

  routes.add(SetDisplayName, async ({ actor, body }) => ({
    status: 200,
    body: await setDisplayName(ctx, actor, body.displayName),
  }));
}
