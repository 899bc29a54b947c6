// SPDX-License-Identifier: AGPL-3.0-or-later
import { ClientSignUpForm, type ClientSignUpValues } from "../account/signup-form";
import { loadAuthFlows, prefetchAuthFlows } from "../auth/lazy-flows";
import { SignUpStepsView } from "../auth/sign-up-steps";
import { useSignUpSteps } from "../auth/use-sign-up-steps";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { safeNext, useQueryParams } from "../counselling/query";
import { Link, useRouter } from "../router/router";

const EMPTY: ClientSignUpValues = {
  username: "",
  password: "",
  passwordRepeat: "",
  wantRecoveryCode: true,
  device: "shared",
};

/**
 * Client sign-up: form → (recovery code, shown once and confirmed) → the
 * browser does OPAQUE, key creation and Argon2id → account page. The code is
 * generated when the person asks for it and kept only in this page's state,
 * so going back and forth shows the same code, and leaving the page forgets
 * it.
 */
export function SignUpPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  // From an enquiry: continue there after sign-up (only counselling pages are accepted).
  const next = safeNext(useQueryParams().get("next"));
  const steps = useSignUpSteps({
    empty: EMPTY,
    newRecoveryCode: async () => (await loadAuthFlows()).generateRecoveryCode(),
    create: async (values, recoveryCode, onStep) => {
      const { signUp } = await loadAuthFlows();
      const session = await signUp(
        { username: values.username.trim(), password: values.password, recoveryCode },
        { onStep },
      );
      const { applyDeviceChoice } = await import("../keys/remembered-device");
      await applyDeviceChoice(session, values.device === "own");
    },
    done: () => navigate(next ?? "/account"),
  });

  return (
    <Page title={t("signup.title")} lead={t("signup.lead")}>
      <SignUpStepsView steps={steps} workingText={t("signup.working")} failedText={t("signup.failed")}>
        {(serverError) => (
          <>
            {/* The crypto chunk loads when the person starts filling in the form, not with the page. */}
            <div onFocus={prefetchAuthFlows}>
              <ClientSignUpForm
                values={steps.values}
                onValues={steps.setValues}
                serverError={serverError}
                onSubmit={() => void (steps.values.wantRecoveryCode ? steps.showCode() : steps.run(undefined))}
              />
            </div>
            <p className="aside-link">
              {t("signup.haveAccount")}{" "}
              <Link to={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>{t("signup.loginLink")}</Link>
            </p>
          </>
        )}
      </SignUpStepsView>
    </Page>
  );
}
