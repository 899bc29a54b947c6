// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MfaStatusView } from "@obhut/protocol";
import { useEffect, useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { getSession } from "../keys/session-store";
import { useRouter } from "../router/router";
import { staffHome } from "../staff/staff-home";
import { getMfaStatus, mfaFailureOf, startTotpEnrolment, type MfaFailure } from "./mfa-flow";

export type MfaView =
  | { kind: "loading" }
  | { kind: "no_session" }
  | { kind: "choose" }
  | { kind: "totp_enrol"; secret: string; otpauthUri: string }
  | { kind: "verify"; status: MfaStatusView };

export type MfaBusy = "code" | "passkey" | "enrol";

type Start = Extract<MfaView, { kind: "no_session" | "choose" | "verify" }> | { kind: "go"; to: string };

/** Where the page starts: no keys, not staff or nothing owed (then elsewhere), or which factor to set up or use. */
async function startView(): Promise<Start> {
  // The keys live in memory only: without them (reload, new tab) a verified
  // session would be useless, so the password step comes first again.
  const session = getSession();
  if (!session) return { kind: "no_session" };
  if (session.account.kind !== "staff") return { kind: "go", to: "/account" };
  const status = await getMfaStatus();
  if (!status.pending) return { kind: "go", to: staffHome(session.account) };
  return status.totp || status.passkeys > 0 ? { kind: "verify", status } : { kind: "choose" };
}

/**
 * The second-factor page's state (request state through ADR 0023's hook):
 * which step it shows, what is under way, and the last failure. Every
 * step clears the failure when it starts, so the same message twice is
 * announced (and focused) again.
 */
export function useMfa() {
  const { navigate } = useRouter();
  const [attempt, setAttempt] = useState(0);
  const start = useLoad(() => startView(), [attempt]);
  // Set by the steps: the enrolment, back to the choice, or the session gone.
  const [stepView, setStepView] = useState<MfaView | null>(null);
  const [busyKind, setBusyKind] = useState<MfaBusy>("code");
  const step = useAction(async (what: MfaBusy, work: () => Promise<void>) => {
    setBusyKind(what);
    await work();
  });

  const loaded = start.kind === "ready" ? start.value : null;
  useEffect(() => {
    if (loaded?.kind === "go") navigate(loaded.to);
  }, [loaded, navigate]);

  const loadFailure = start.kind === "failed" ? mfaFailureOf(start.error) : null;
  const view: MfaView =
    stepView ??
    (loadFailure === "not_allowed"
      ? { kind: "no_session" }
      : loaded && loaded.kind !== "go"
        ? loaded
        : { kind: "loading" });
  const failure: MfaFailure | null =
    step.error !== null ? mfaFailureOf(step.error) : loadFailure === "not_allowed" ? null : loadFailure;

  /** Runs one step; true when it worked (then the role's home opens). */
  const run = async (what: MfaBusy, work: () => Promise<unknown>): Promise<boolean> => {
    const outcome = await step.run(what, async () => {
      await work();
      navigate(staffHome(getSession()?.account ?? { kind: "staff" }));
    });
    if ("error" in outcome && mfaFailureOf(outcome.error) === "not_allowed") setStepView({ kind: "no_session" });
    return outcome.ok;
  };

  const beginTotp = () =>
    step.run("enrol", async () => {
      const { secret, otpauthUri } = await startTotpEnrolment();
      setStepView({ kind: "totp_enrol", secret, otpauthUri });
    });

  return {
    view,
    busy: step.pending ? busyKind : null,
    failure,
    run,
    beginTotp,
    retry: () => setAttempt((n) => n + 1),
    choose: () => setStepView({ kind: "choose" }),
  };
}
