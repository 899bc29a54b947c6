// SPDX-License-Identifier: AGPL-3.0-or-later
import { useRef } from "react";
import { ClientSignUpForm, type ClientSignUpValues } from "../account/signup-form";
import { api } from "../api/client";
import { useLoad } from "../api/use-action";
import { loadAuthFlows, prefetchAuthFlows } from "../auth/lazy-flows";
import { SignUpStepsView } from "../auth/sign-up-steps";
import { useSignUpSteps } from "../auth/use-sign-up-steps";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { OrgFingerprint, useOrgIdentity } from "../counselling/org-fingerprint";
import type { OrgIdentity } from "../counselling/org-identity";
import { idParam, safeNext, useQueryParams } from "../counselling/query";
import { getAgency } from "../messaging/endpoints";
import { Link, useRouter } from "../router/router";

const EMPTY: ClientSignUpValues = {
  username: "",
  password: "",
  passwordRepeat: "",
  wantRecoveryCode: true,
  device: "shared",
};

/** The agency a sign-up comes from: `next` is its enquiry (or its page). */
function agencyOf(next: string | null): string | null {
  if (!next) return null;
  const url = new URL(next, window.location.origin);
  if (url.pathname === "/enquiry") return idParam(url.searchParams, "agency");
  if (url.pathname === "/agency") return idParam(url.searchParams, "id");
  return null;
}

/**
 * Client sign-up: form → (recovery code, shown once and confirmed) → the
 * browser does OPAQUE, key creation and Argon2id → account page. The code is
 * generated when the person asks for it and kept only in this page's state,
 * so going back and forth shows the same code, and leaving the page forgets
 * it. Coming from an agency, the page shows that organisation's fingerprint
 * and the new account pins it in its first key bundle (ADR 0030).
 */
export function SignUpPage() {
  const { t } = useT();
  const { navigate } = useRouter();
  // From an enquiry: continue there after sign-up (only counselling pages are accepted).
  const next = safeNext(useQueryParams().get("next"));
  const agencyId = agencyOf(next);
  const agency = useLoad(
    async (signal) =>
      agencyId ? (await api.request(getAgency, { params: { agencyId }, query: {}, signal })).agency : null,
    [agencyId],
  );
  const organisation = agency.kind === "ready" ? agency.value : null;
  const identity = useOrgIdentity(organisation?.organisationId ?? null);
  // The create step reads the identity shown at that moment (the form may be sent before it loaded: then no pin).
  const shown = useRef<OrgIdentity | null>(null);
  shown.current = identity.kind === "ready" ? identity.value : null;
  const steps = useSignUpSteps({
    empty: EMPTY,
    newRecoveryCode: async () => (await loadAuthFlows()).generateRecoveryCode(),
    create: async (values, recoveryCode, onStep) => {
      const { signUp } = await loadAuthFlows();
      const pinned = shown.current;
      const session = await signUp(
        {
          username: values.username.trim(),
          password: values.password,
          recoveryCode,
          orgPins: pinned ? [{ orgId: pinned.orgId, rootSigningKey: pinned.rootSigningKey, pinnedAt: Date.now() }] : [],
        },
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
            {organisation ? (
              <OrgFingerprint identity={identity} organisationName={organisation.organisationName} remembered />
            ) : null}
          </>
        )}
      </SignUpStepsView>
    </Page>
  );
}
