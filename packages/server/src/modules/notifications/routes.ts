// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddMyPushSubscription,
  ConfirmNotifyEmail,
  DeleteMyPushSubscription,
  GetMyNotifications,
  GetMyPushSubscriptions,
  MarkMyNotificationsRead,
  DeleteMyNotifyEmail,
  GetMyNotifyEmail,
  GetMyNotificationRules,
  GetMyQuietHours,
  GetNotificationSettings,
  ListDeadLetters,
  PutMyNotificationRules,
  PutMyQuietHours,
  RetryDeadLetter,
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
import { markMyNotificationsRead, readMyNotifications } from "./bell";
import { listDeadLetters, retryDeadLetter } from "./dead-letters";
import { readMyNotificationRules, setMyNotificationRules } from "./my-rules";
import { readMyQuietHours, setMyQuietHours } from "./quiet-hours";
import { addMyPushSubscription, deleteMyPushSubscription, readMyPushSubscriptions } from "./push-subscriptions";

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
  routes.add(GetMyPushSubscriptions, async ({ actor }) => ({
    status: 200,
    body: await readMyPushSubscriptions(ctx, actor),
  }));
  routes.add(AddMyPushSubscription, async ({ actor, body }) => ({
    status: 200,
    body: await addMyPushSubscription(ctx, actor, body),
  }));
  routes.add(DeleteMyPushSubscription, async ({ actor, params }) => ({
    status: 200,
    body: await deleteMyPushSubscription(ctx, actor, params.id),
  }));
  routes.add(GetMyNotifications, async ({ actor }) => ({ status: 200, body: await readMyNotifications(ctx, actor) }));
  routes.add(MarkMyNotificationsRead, async ({ actor, body }) => ({
    status: 200,
    body: await markMyNotificationsRead(ctx, actor, body),
  }));
  routes.add(GetMyQuietHours, async ({ actor }) => ({ status: 200, body: await readMyQuietHours(ctx, actor) }));
  routes.add(PutMyQuietHours, async ({ actor, body }) => ({
    status: 200,
    body: await setMyQuietHours(ctx, actor, body),
  }));
  routes.add(GetMyNotificationRules, async ({ actor }) => ({
    status: 200,
    body: await readMyNotificationRules(ctx, actor),
  }));
  routes.add(PutMyNotificationRules, async ({ actor, body }) => ({
    status: 200,
    body: await setMyNotificationRules(ctx, actor, body.rules),
  }));
  routes.add(ListDeadLetters, async ({ actor, params }) => ({
    status: 200,
    body: await listDeadLetters(ctx, actor, params.orgId),
  }));
  routes.add(RetryDeadLetter, async ({ actor, params }) => ({
    status: 200,
    body: await retryDeadLetter(ctx, actor, params.orgId, params.letterId),
  }));
}
