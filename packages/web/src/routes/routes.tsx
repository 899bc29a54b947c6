// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ComponentType } from "react";
import { InvitePage } from "../invite/invite-page";
import { MfaPage } from "../mfa/mfa-page";
import { AccountPage } from "./account-page";
import { LoginPage } from "./login-page";
import { NotFoundPage } from "./not-found-page";
import { SetupPage } from "./setup/setup-page";
import { SignUpPage } from "./signup-page";
import { StaffLoginPage } from "./staff-login-page";
import { StartPage } from "./start-page";
import { AccessibilityPage, PrivacyPage } from "./text-page";

export type TitleKey =
  | "start.title"
  | "staff.title"
  | "setup.title"
  | "privacy.title"
  | "accessibility.title"
  | "notFound.title"
  | "signup.title"
  | "login.title"
  | "account.title"
  | "invite.title"
  | "mfa.title";

export interface RouteEntry {
  path: string;
  page: ComponentType;
  titleKey: TitleKey;
  /** Client-facing pages carry the quick-exit button. */
  clientFacing: boolean;
}

export const ROUTES: readonly RouteEntry[] = [
  { path: "/", page: StartPage, titleKey: "start.title", clientFacing: true },
  { path: "/signup", page: SignUpPage, titleKey: "signup.title", clientFacing: true },
  { path: "/login", page: LoginPage, titleKey: "login.title", clientFacing: true },
  { path: "/account", page: AccountPage, titleKey: "account.title", clientFacing: true },
  { path: "/staff", page: StaffLoginPage, titleKey: "staff.title", clientFacing: false },
  { path: "/setup", page: SetupPage, titleKey: "setup.title", clientFacing: false },
  { path: "/invite", page: InvitePage, titleKey: "invite.title", clientFacing: false },
  { path: "/mfa", page: MfaPage, titleKey: "mfa.title", clientFacing: false },
  { path: "/privacy", page: PrivacyPage, titleKey: "privacy.title", clientFacing: true },
  { path: "/accessibility", page: AccessibilityPage, titleKey: "accessibility.title", clientFacing: true },
];

export const NOT_FOUND: RouteEntry = { path: "*", page: NotFoundPage, titleKey: "notFound.title", clientFacing: true };

export function matchRoute(path: string): RouteEntry {
  return ROUTES.find((route) => route.path === path) ?? NOT_FOUND;
}
