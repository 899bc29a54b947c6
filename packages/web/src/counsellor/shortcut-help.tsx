// SPDX-License-Identifier: AGPL-3.0-or-later
import { forwardRef, useImperativeHandle, useRef } from "react";
import { useT } from "../i18n/use-t";
import { SHORTCUTS } from "./inbox-keys";

export interface ShortcutHelpHandle {
  open: () => void;
}

/**
 * The list of the inbox's shortcuts in a modal dialog. The native modal
 * <dialog> makes the page behind it inert and closes on Escape; Tab cycles
 * inside it; on closing, focus goes back to where it was when it opened.
 */
export const ShortcutHelp = forwardRef<ShortcutHelpHandle>(function ShortcutHelp(_props, ref) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const before = useRef<HTMLElement | null>(null);
  useImperativeHandle(ref, () => ({
    open: () => {
      if (!dialog.current || dialog.current.open) return;
      before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.current.showModal();
    },
  }));
  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onKeyDown={(event) => {
        // The browser lets Tab leave a modal dialog for its own toolbar; keep it inside, cycling.
        if (event.key !== "Tab" || !dialog.current) return;
        const focusable = [...dialog.current.querySelectorAll<HTMLElement>("button, a[href], [tabindex='0']")];
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onClose={() => {
        before.current?.focus();
        before.current = null;
      }}
    >
      <h2 id="shortcut-help-title">{t("shortcuts.title")}</h2>
      <p>{t("shortcuts.lead")}</p>
      <dl className="shortcut-help__list">
        {SHORTCUTS.map((s) => (
          <div key={s.action}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ` ${t("shortcuts.or")} ` : ""}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`shortcuts.action.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="button button--primary">
          {t("shortcuts.close")}
        </button>
      </form>
    </dialog>
  );
});
