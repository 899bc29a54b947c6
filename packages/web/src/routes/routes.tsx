// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy, type ComponentType } from "react";
import { ADMIN_ROUTES } from "../admin/routes";
import { COMPLIANCE_ROUTES } from "../compliance/routes";
import { DSR_ROUTES } from "../dsr/routes";
import { STAFF_ROUTES } from "../counsellor/routes";
import { DPO_ROUTES } from "../dpo/routes";
import { NotFoundPage } from "./not-found-page";
import { StartPage } from "./start-page";
import { AccessibilityPage, PrivacyPage } from "./text-page";

/**
 * Pages that need the crypto code (OPAQUE, Argon2id, curves) or belong to the
 * staff area load as separate chunks, so the first page a client opens stays
 * small (issue 6 budget: 200 KB compressed initial JS). Each chunk is pinned
 * by its SHA-384 in the import map (ADR 0004 §5).
 */
function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ComponentType {
  return lazy(async () => ({ default: pick(await load()) }));
}

const InvitePage = lazyPage(
  () => import("../invite/invite-page"),
  (m) => m.InvitePage,
);
const ResetPage = lazyPage(
  () => import("../reset/reset-page"),
  (m) => m.ResetPage,
);
const NotifyEmailConfirmPage = lazyPage(
  () => import("../account/notify-email-confirm-page"),
  (m) => m.NotifyEmailConfirmPage,
);
const MfaPage = lazyPage(
  () => import("../mfa/mfa-page"),
  (m) => m.MfaPage,
);
const AccountPage = lazyPage(
  () => import("./account-page"),
  (m) => m.AccountPage,
);
const LoginPage = lazyPage(
  () => import("./login-page"),
  (m) => m.LoginPage,
);
const RecoverPage = lazyPage(
  () => import("./recover-page"),
  (m) => m.RecoverPage,
);
const SetupPage = lazyPage(
  () => import("./setup/setup-page"),
  (m) => m.SetupPage,
);
const SignUpPage = lazyPage(
  () => import("./signup-page"),
  (m) => m.SignUpPage,
);
const StaffLoginPage = lazyPage(
  () => import("./staff-login-page"),
  (m) => m.StaffLoginPage,
);
const SsoCallbackPage = lazyPage(
  () => import("../sso/sso-callback-page"),
  (m) => m.SsoCallbackPage,
);

// Client counselling pages (issue 6): the finder stays light; the case view brings the messaging library.
const FinderPage = lazyPage(
  () => import("../counselling/finder-page"),
  (m) => m.FinderPage,
);
const AgencyPage = lazyPage(
  () => import("../counselling/agency-page"),
  (m) => m.AgencyPage,
);
const EnquiryPage = lazyPage(
  () => import("../counselling/enquiry-page"),
  (m) => m.EnquiryPage,
);
const CasesPage = lazyPage(
  () => import("../counselling/cases-page"),
  (m) => m.CasesPage,
);
const ClientCasePage = lazyPage(
  () => import("../counselling/case-page"),
  (m) => m.default,
);
const BookAppointmentPage = lazyPage(
  () => import("../appointments/book-page"),
  (m) => m.BookAppointmentPage,
);

export type TitleKey =
  | "start.title"
  | "staff.title"
  | "setup.title"
  | "privacy.title"
  | "accessibility.title"
  | "notFound.title"
  | "signup.title"
  | "login.title"
  | "recover.title"
  | "account.title"
  | "invite.title"
  | "accountReset.title"
  | "mfa.title"
  | "notifyEmail.confirm.title"
  | "sso.callbackTitle"
  | (typeof STAFF_ROUTES)[number]["titleKey"]
  | (typeof COMPLIANCE_ROUTES)[number]["titleKey"]
  | (typeof DPO_ROUTES)[number]["titleKey"]
  | (typeof DSR_ROUTES)[number]["titleKey"]
  | (typeof ADMIN_ROUTES)[number]["titleKey"]
  | "finder.title"
  | "agency.title"
  | "enquiry.title"
  | "cases.title"
  | "clientCase.title"
  | "clientAppointments.title";

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
  { path: "/recover", page: RecoverPage, titleKey: "recover.title", clientFacing: true },
  { path: "/account", page: AccountPage, titleKey: "account.title", clientFacing: true },
  { path: "/finder", page: FinderPage, titleKey: "finder.title", clientFacing: true },
  { path: "/agency", page: AgencyPage, titleKey: "agency.title", clientFacing: true },
  { path: "/enquiry", page: EnquiryPage, titleKey: "enquiry.title", clientFacing: true },
  { path: "/cases", page: CasesPage, titleKey: "cases.title", clientFacing: true },
  { path: "/case", page: ClientCasePage, titleKey: "clientCase.title", clientFacing: true },
  { path: "/case/appointment", page: BookAppointmentPage, titleKey: "clientAppointments.title", clientFacing: true },
  { path: "/staff", page: StaffLoginPage, titleKey: "staff.title", clientFacing: false },
  { path: "/sso/callback", page: SsoCallbackPage, titleKey: "sso.callbackTitle", clientFacing: false },
  { path: "/setup", page: SetupPage, titleKey: "setup.title", clientFacing: false },
  { path: "/invite", page: InvitePage, titleKey: "invite.title", clientFacing: false },
  { path: "/reset", page: ResetPage, titleKey: "accountReset.title", clientFacing: false },
  { path: "/mfa", page: MfaPage, titleKey: "mfa.title", clientFacing: false },
  {
    path: "/notify-email/confirm",
    page: NotifyEmailConfirmPage,
    titleKey: "notifyEmail.confirm.title",
    clientFacing: true,
  },
  { path: "/privacy", page: PrivacyPage, titleKey: "privacy.title", clientFacing: true },
  { path: "/accessibility", page: AccessibilityPage, titleKey: "accessibility.title", clientFacing: true },
  ...STAFF_ROUTES,
  ...COMPLIANCE_ROUTES,
  ...DPO_ROUTES,
  ...DSR_ROUTES,
  ...ADMIN_ROUTES,
];

export const NOT_FOUND: RouteEntry = { path: "*", page: NotFoundPage, titleKey: "notFound.title", clientFacing: true };

export function matchRoute(path: string): RouteEntry {
  return ROUTES.find((route) => route.path === path) ?? NOT_FOUND;
}
