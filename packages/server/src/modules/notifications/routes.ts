// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ConfirmNotifyEmail,
  DeleteMyNotifyEmail,
  GetMyNotifyEmail,
  GetNotificationSettings,
  PutNotificationSettings,
  SetMyNewEnquiryNotice,
  SetMyNotifyEmail,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  confirmNotifyEmail,
  deleteMyNotifyEmail,
  readMyNotifyEmail,
  readNotificationSettings,
  requestNotifyEmail,
  setMyNewEnquiryNotice,
  updateNotificationSettings,
} from "./addresses";

export function registerNotificationRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetMyNotifyEmail, async ({ actor }) => ({ status: 200, body: await readMyNotifyEmail(ctx, actor) }));
  routes.add(SetMyNotifyEmail, async ({ actor, body }) => ({
    status: 200,
    body: await requestNotifyEmail(ctx, actor, body),
  }));
  routes.add(SetMyNewEnquiryNotice, async ({ actor, body }) => ({
    status: 200,
    body: await setMyNewEnquiryNotice(ctx, actor, body.newEnquiry),
  }));
  routes.add(DeleteMyNotifyEmail, async ({ actor }) => ({ status: 200, body: await deleteMyNotifyEmail(ctx, actor) }));
  routes.add(ConfirmNotifyEmail, async ({ body }) => {
    await confirmNotifyEmail(ctx, body.token);
    return { status: 204, body: null };
  });
  routes.add(GetNotificationSettings, async ({ actor, params }) => ({
    status: 200,
    body: await readNotificationSettings(ctx, { actor, orgId: params.orgId }),
  }));
  routes.add(PutNotificationSettings, async ({ actor, params, body }) => ({
    status: 200,
    body: await updateNotificationSettings(ctx, { actor, orgId: params.orgId, settings: body }),
  }));
}
