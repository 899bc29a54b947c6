// SPDX-License-Identifier: AGPL-3.0-or-later
// The small part of @xmpp/client 0.14 (plain JavaScript, no bundled types) that the XMPP bench uses.
declare module "@xmpp/client" {
  import type { EventEmitter } from "node:events";

  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    toString(): string;
  }

  export function xml(name: string, attrs?: Record<string, string | undefined> | null, ...children: unknown[]): Element;

  export interface Client extends EventEmitter {
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
    write(raw: string): Promise<void>;
    reconnect: { stop(): void };
    iqCaller: { request(element: Element, timeout?: number): Promise<Element> };
  }

  export function client(options: {
    service: string;
    domain: string;
    resource?: string;
    credentials?: (
      authenticate: (creds: { username: string; password: string }, mechanism: string) => Promise<void>,
      mechanisms: string[],
    ) => Promise<void>;
  }): Client;
}
