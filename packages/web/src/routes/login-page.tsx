// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { DeviceChoiceField, type DeviceChoice } from "../account/device-choice";
import { LoginForm, type LoginAction } from "../account/login-form";
import { loadAuthFlows, prefetchAuthFlows } from "../auth/lazy-flows";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { safeNext, useQueryParams } from "../counselling/query";
import { Link, useRouter } from "../router/router";

/**
 * Client login; on success the keys are in memory and "Meine Beratungen" opens
 * (or the counselling page the person came from, e.g. a saved conversation link).
 */
export function LoginPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  // From an enquiry or a case link: continue there after login (only counselling pages are accepted).
  const next = safeNext(useQueryParams().get("next"));
  // Nothing is kept unless the person says the device is their own (ADR 0027).
  const [device, setDevice] = useState<DeviceChoice>("shared");
  const login: LoginAction = async (input, onStep) => {
    const { logIn } = await loadAuthFlows();
    const session = await logIn(input, { onStep });
    if (session.account.kind === "client") {
      const { applyDeviceChoice } = await import("../keys/remembered-device");
      await applyDeviceChoice(session, device === "own");
    }
    navigate(next ?? (session.account.kind === "client" ? "/cases" : "/account"));
  };
  return (
    <Page title={t("login.title")} lead={t("login.lead")}>
      {/* The crypto chunk loads when the person starts filling in the form, not with the page. */}
      <div onFocus={prefetchAuthFlows}>
        <LoginForm
          idPrefix="login"
          labels={{
            username: t("login.username"),
            password: t("login.password"),
            submit: t("login.submit"),
            missing: t("login.missingFields"),
            working: t("login.working"),
          }}
          onLogin={login}
        >
          <DeviceChoiceField idPrefix="login" value={device} onValue={setDevice} />
        </LoginForm>
      </div>
      <p className="aside-link">
        <Link to={next ? `/recover?next=${encodeURIComponent(next)}` : "/recover"}>{t("recover.forgotLink")}</Link>
      </p>
      <p className="aside-link">
        {t("login.noAccount")}{" "}
        <Link to={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>{t("login.signupLink")}</Link>
      </p>
    </Page>
  );
}
