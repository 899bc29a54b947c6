// SPDX-License-Identifier: AGPL-3.0-or-later
import { forwardRef, useId, useImperativeHandle, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { errorCode } from "../api/use-action";
import { useT } from "../i18n/use-t";
import {
  type CannedReply,
  type CannedReplyList,
  loadCannedReplies,
  matchSnippets,
  snippetText,
} from "./canned-replies";
import type { Ready } from "./case-types";

export interface CannedReplyPickerHandle {
  open: () => void;
}

type State = { kind: "loading" } | { kind: "ready"; list: CannedReplyList } | { kind: "failed"; code: string };

/**
 * "Textbaustein einfügen": a modal dialog with a search field and the team's
 * snippets as buttons. The native modal <dialog> keeps focus inside and
 * closes on Escape; focus returns to the reply box. It is rendered into
 * <body>, outside the reply form: no nested form, and Enter in its search
 * field never sends the reply. The snippets are loaded
 * (and opened, CRYPTO.md §7f) each time the dialog opens, so a lead's change
 * shows at once.
 */
export const CannedReplyPicker = forwardRef<
  CannedReplyPickerHandle,
  { staff: Ready; teamId: string; informal: boolean; onPick: (text: string, reply: CannedReply) => void }
>(function CannedReplyPicker({ staff, teamId, informal, onPick }, ref) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const before = useRef<HTMLElement | null>(null);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [query, setQuery] = useState("");
  const titleId = useId();
  const searchId = useId();
  const countId = useId();

  const open = () => {
    if (!dialog.current || dialog.current.open) return;
    before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setQuery("");
    setState({ kind: "loading" });
    dialog.current.showModal();
    search.current?.focus();
    loadCannedReplies(staff, teamId).then(
      (list) => setState({ kind: "ready", list }),
      (e: unknown) => setState({ kind: "failed", code: errorCode(e) }),
    );
  };
  useImperativeHandle(ref, () => ({ open }));

  const shown = state.kind === "ready" ? matchSnippets(state.list.replies, query) : [];
  return (
    <>
      <button type="button" className="button" aria-keyshortcuts="Alt+T" onClick={open}>
        {t("cannedReplies.insert")}
      </button>
      {createPortal(
        <dialog
          ref={dialog}
          className="canned-picker"
          aria-labelledby={titleId}
          onClose={() => {
            // Back to where the dialog was opened from (the reply box or the button); a choice focuses the reply box.
            before.current?.focus();
            before.current = null;
          }}
        >
          <h2 id={titleId}>{t("cannedReplies.pickerTitle")}</h2>
          <div className="field">
            <label htmlFor={searchId}>{t("cannedReplies.search")}</label>
            <input
              id={searchId}
              ref={search}
              type="search"
              value={query}
              aria-describedby={countId}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <p id={countId} role="status">
            {state.kind === "loading" ? t("cannedReplies.loading") : null}
            {state.kind === "failed" ? t("cannedReplies.loadFailed", { code: state.code }) : null}
            {state.kind === "ready"
              ? state.list.replies.length === 0
                ? t("cannedReplies.none")
                : shown.length === 0
                  ? t("cannedReplies.noMatch")
                  : t("cannedReplies.results", { count: shown.length })
              : null}
          </p>
          {shown.length > 0 ? (
            <ul className="canned-picker__list">
              {shown.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="canned-picker__choice"
                    onClick={() => {
                      dialog.current?.close();
                      onPick(snippetText(r, informal), r);
                    }}
                  >
                    <strong>{r.title}</strong>
                    <span className="canned-picker__preview">{snippetText(r, informal)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              {t("cannedReplies.close")}
            </button>
          </p>
        </dialog>,
        document.body,
      )}
    </>
  );
});
