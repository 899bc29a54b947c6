// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from "react";
import { useT } from "../i18n/use-t";
import { createEscapeCounter, quickExitNow } from "./quick-exit";

/** Fixed, high-contrast exit button; also Escape pressed three times quickly. */
export function QuickExitButton({ target }: { target: string }) {
  const { t } = useT();

  useEffect(() => {
    const count = createEscapeCounter();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && count()) quickExitNow(target);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [target]);

  return (
    <div className="quick-exit">
      <button
        type="button"
        className="quick-exit__button"
        aria-describedby="quick-exit-description"
        onClick={() => quickExitNow(target)}
      >
        {t("quickExit.label")}
      </button>
      <p id="quick-exit-description" className="visually-hidden">
        {t("quickExit.description")}
      </p>
    </div>
  );
}
