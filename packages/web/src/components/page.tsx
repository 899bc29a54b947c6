// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReactNode } from "react";

export const PAGE_HEADING_ID = "page-heading";

/**
 * Every page starts with this heading. It is focusable (tabIndex -1) so the
 * layout can move focus here after a client-side navigation; screen readers
 * then announce the new page.
 */
export function Page({ title, lead, children }: { title: string; lead?: string; children?: ReactNode }) {
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
