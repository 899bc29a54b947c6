// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the identity module: other modules, app/ and cli/ import only from here. */
export { forgetIdleDevices } from "./devices";
export { openTotpSecret, sealTotpSecret } from "./mfa";
export { startOpaqueRegistration } from "./opaque-registration";
export { presentAccount } from "./presenter-account";
export { clearReauthenticationFailures, finishReauthentication, startReauthentication } from "./reauthenticate";
export { registerAccountRoutes } from "./routes-account";
export { registerAuthRoutes } from "./routes-auth";
export { registerDeviceRoutes } from "./routes-devices";
export { registerMfaRoutes } from "./routes-mfa";
export { registerRecoveryRoutes } from "./routes-recovery";
export { registerSessionRoutes } from "./routes-sessions";
export { registerSsoRoutes } from "./routes-sso";
export { findSession, keepSessionOpen, openSessionIds, requireSession, SESSION_TOUCH_INTERVAL_MS } from "./session";
export { SESSIONS_TOPIC, announceEndedSessions, revokeAccountSessions, type AnnounceContext } from "./sessions";
export { openClientSecret, sealClientSecret } from "./sso-config";
export { orgStaffAccount } from "./store";
export { endSessionsOf } from "./store-sessions";
