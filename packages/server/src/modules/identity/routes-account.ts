// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetMyAddressForm,
  GetOrgPins,
  IssueAccountReset,
  ListAccountResets,
  PasswordChangeFinish,
  PasswordChangeStart,
  PutOrgPins,
  PutRecoveryWrap,
  SetMyAddressForm,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { finishPasswordChange, putRecoveryWrap, startPasswordChange } from "./account";
import { accountResets, issueAccountReset } from "./account-reset";
import { chooseAddressForm, readAddressForm } from "./address-form";
import { readOrgPins, replaceOrgPins } from "./org-pins";

export function registerAccountRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(PasswordChangeStart, async ({ actor, body }) => ({
    status: 200,
    body: await startPasswordChange(ctx, { actor, ...body }),
  }));

  routes.add(PasswordChangeFinish, async ({ actor, body }) => ({
    status: 200,
    body: await finishPasswordChange(ctx, { actor, ...body }),
  }));

  routes.add(PutRecoveryWrap, async ({ actor, body }) => {
    await putRecoveryWrap(ctx, { actor, masterWrapRecovery: body.masterWrapRecovery });
    return { status: 204, body: null };
  });

  routes.add(GetOrgPins, async ({ actor }) => ({ status: 200, body: await readOrgPins(ctx, actor) }));

  routes.add(PutOrgPins, async ({ actor, body }) => {
    await replaceOrgPins(ctx, { actor, orgPins: body.orgPins, previous: body.previous });
    return { status: 204, body: null };
  });

  routes.add(IssueAccountReset, async ({ actor, params }) => ({
    status: 201,
    body: await issueAccountReset(ctx, { actor, orgId: params.orgId, accountId: params.accountId }),
  }));

  routes.add(ListAccountResets, async ({ actor, params }) => ({
    status: 200,
    body: { resets: await accountResets(ctx, { actor, orgId: params.orgId }) },
  }));

  routes.add(GetMyAddressForm, async ({ actor }) => ({ status: 200, body: await readAddressForm(ctx, actor) }));

  routes.add(SetMyAddressForm, async ({ actor, body }) => ({
    status: 200,
    body: await chooseAddressForm(ctx, actor, body.addressForm),
  }));
}
