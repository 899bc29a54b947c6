// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from "react";
import { api, onServerAnswer } from "../api/client";
import { currentSession } from "../api/endpoints";
import { logOut } from "../auth/log-out";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { useRouter } from "../router/router";
import { createIdleWatch, type IdleState, type IdleWatch } from "./idle-watch";
import { useOnStaffPage } from "./way-in";

const browserClock = {
  now: () => Date.now(),
  setTimeout: (run: () => void, ms: number) => window.setTimeout(run, ms),
  clearTimeout: (handle: unknown) => window.clearTimeout(handle as number),
};

/**
 * One minute before the session ends: a dialog that says so and offers
 * "Angemeldet bleiben" (a request the server counts) or "Jetzt abmelden". At
 * the end the session is ended here and on the server, and the staff login
 * says why. The times come from the server (organisation policy, see
 * idle-watch.ts).
 */
export function IdleWarning() {
  const session = useSession();
  const onStaffPage = useOnStaffPage();
  if (!session || session.account.kind !== "staff" || !onStaffPage) return null;
  return <Watch key={session.account.id} />;
}

function Watch() {
  const { navigate } = useRouter();
  const [state, setState] = useState<IdleState>({ kind: "quiet" });
  const watchRef = useRef<IdleWatch | null>(null);

  useEffect(() => {
    const watch = createIdleWatch({
      clock: browserClock,
      readSession: () => api.request(currentSession),
      endSession: async () => {
        await logOut();
        navigate("/staff?ended=session");
      },
      publish: setState,
    });
    watchRef.current = watch;
    const stopListening = onServerAnswer((answer) => watch.answered(answer));
    void watch.start();
    return () => {
      stopListening();
      watch.stop();
      watchRef.current = null;
    };
  }, [navigate]);

  if (state.kind !== "warning") return null;
  return <WarningDialog state={state} watch={watchRef} />;
}

function WarningDialog({
  state,
  watch,
}: {
  state: Extract<IdleState, { kind: "warning" }>;
  watch: { current: IdleWatch | null };
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const idle = state.reason === "idle";

  // Modal: the page behind is inert until the person answers; focus returns to where it was.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const stay = () => void watch.current?.stay();
  const answer = () => (idle ? stay() : watch.current?.acknowledge());

  return (
    <dialog
      ref={ref}
      className="idle-dialog"
      role="alertdialog"
      aria-labelledby="idle-dialog-title"
      aria-describedby="idle-dialog-body"
      // Escape is an answer too: whoever presses it is here.
      onCancel={(event) => {
        event.preventDefault();
        answer();
      }}
    >
      <h2 id="idle-dialog-title">{idle ? t("staffShell.idle.title") : t("staffShell.absolute.title")}</h2>
      <p id="idle-dialog-body">
        {idle
          ? t("staffShell.idle.body", { minutes: Math.round(state.idleMs / 60_000) })
          : t("staffShell.absolute.body")}
      </p>
      {state.failed ? (
        <p className="notice notice--error" role="alert">
          {t("staffShell.idle.failed")}
        </p>
      ) : null}
      <div className="idle-dialog__actions">
        <button
          type="button"
          className="button button--primary"
          autoFocus
          aria-disabled={state.staying}
          onClick={answer}
        >
          {idle
            ? state.staying
              ? t("staffShell.idle.staying")
              : t("staffShell.idle.stay")
            : t("staffShell.absolute.ok")}
        </button>
        <button type="button" className="button" onClick={() => void watch.current?.leave()}>
          {t("staffShell.idle.leave")}
        </button>
      </div>
    </dialog>
  );
}
