// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MfaStatusView } from "@obhut/protocol";
import { useEffect, useState } from "react";
import { getSession } from "../keys/session-store";
import { useRouter } from "../router/router";
import { getMfaStatus, MfaError, staffHome, startTotpEnrolment, toMfaError, type MfaFailure } from "./mfa-flow";

export type MfaView =
  | { kind: "loading" }
  | { kind: "no_session" }
  | { kind: "choose" }
  | { kind: "totp_enrol"; secret: string; otpauthUri: string }
  | { kind: "verify"; status: MfaStatusView };

export type MfaBusy = "code" | "passkey" | "enrol";

/**
 * The second-factor page's state: which step it shows, what is under way,
 * and the last failure. `failureCount` counts failures so the same message
 * twice is announced (and focused) again.
 */
export function useMfa() {
  const { navigate } = useRouter();
  const [view, setView] = useState<MfaView>({ kind: "loading" });
  const [busy, setBusy] = useState<MfaBusy | null>(null);
  const [failure, setFailureState] = useState<MfaFailure | null>(null);
  const [failureCount, setFailureCount] = useState(0);
  const setFailure = (next: MfaFailure | null) => {
    setFailureState(next);
    if (next) setFailureCount((n) => n + 1);
  };
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // The keys live in memory only: without them (reload, new tab) a verified
    // session would be useless, so the password step comes first again.
    const session = getSession();
    if (!session) {
      setView({ kind: "no_session" });
      return;
    }
    if (session.account.kind !== "staff") {
      navigate("/account");
      return;
    }
    let live = true;
    getMfaStatus()
      .then((status) => {
        if (!live) return;
        if (!status.pending) void staffHome(session.account).then((to) => live && navigate(to));
        else if (status.totp || status.passkeys > 0) setView({ kind: "verify", status });
        else setView({ kind: "choose" });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const reason = toMfaError(error).reason;
        if (reason === "not_allowed") setView({ kind: "no_session" });
        else setFailure(reason);
      });
    return () => {
      live = false;
    };
  }, [navigate, attempt]);

  /** Runs one step; true when it worked (then the account page opens). */
  const run = async (what: MfaBusy, step: () => Promise<unknown>): Promise<boolean> => {
    if (busy) return false;
    setBusy(what);
    setFailure(null);
    try {
      await step();
      navigate(await staffHome(getSession()?.account ?? { kind: "staff" }));
      return true;
    } catch (error) {
      const reason = error instanceof MfaError ? error.reason : toMfaError(error).reason;
      setFailure(reason);
      if (reason === "not_allowed") setView({ kind: "no_session" });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const beginTotp = async () => {
    if (busy) return;
    setBusy("enrol");
    setFailure(null);
    try {
      const { secret, otpauthUri } = await startTotpEnrolment();
      setView({ kind: "totp_enrol", secret, otpauthUri });
    } catch (error) {
      setFailure(toMfaError(error).reason);
    } finally {
      setBusy(null);
    }
  };

  return {
    view,
    busy,
    failure,
    failureCount,
    run,
    beginTotp,
    retry: () => setAttempt((n) => n + 1),
    choose: () => setView({ kind: "choose" }),
  };
}
