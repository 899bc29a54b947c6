// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, type ReactNode } from "react";
import { useRouter } from "../router/router";

export const PAGE_HEADING_ID = "page-heading";

/**
 * Every page starts with this heading. It is focusable (tabIndex -1) so
 * focus can move here after a client-side navigation; screen readers then
 * announce the new page. The layout does that for pages that render at once;
 * a lazily loaded page's heading appears later, so the heading also takes
 * focus itself when it mounts after a navigation (never on the first load,
 * where Tab must still reach the skip link).
 */
export function Page({ title, lead, children }: { title: string; lead?: string; children?: ReactNode }) {
  const { navigations } = useRouter();
  useEffect(() => {
    if (navigations > 0) document.getElementById(PAGE_HEADING_ID)?.focus();
    // Only on mount: later renders of the same page must not steal focus.
  }, []);
  return (
    <article className="page" aria-labelledby={PAGE_HEADING_ID}>
      <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </article>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
