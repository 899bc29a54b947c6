// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from "react";
import { pushedState, replacedState } from "./history-depth";

/**
 * A deliberately tiny History-API router (~60 lines): the app has a handful
 * of flat paths, and a routing library would cost more bytes than it saves.
 * `navigations` counts client-side navigations so the layout can move focus
 * to the new page's heading on every change except the first load.
 */
interface RouterState {
  path: string;
  navigations: number;
}

interface RouterValue extends RouterState {
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

export function normalisePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<RouterState>(() => ({
    path: normalisePath(window.location.pathname),
    navigations: 0,
  }));

  useEffect(() => {
    const onPop = () =>
      setState((s) => ({ path: normalisePath(window.location.pathname), navigations: s.navigations + 1 }));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    const current: unknown = window.history.state;
    if (options.replace) window.history.replaceState(replacedState(current), "", to);
    else window.history.pushState(pushedState(current), "", to);
    window.scrollTo(0, 0);
    setState((s) => ({
      path: normalisePath(new URL(to, window.location.href).pathname),
      navigations: s.navigations + 1,
    }));
  }, []);

  const value = useMemo(() => ({ ...state, navigate }), [state, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error("useRouter outside RouterProvider");
  return value;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** Same-origin link that navigates without a page load; modified clicks behave natively. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { path, navigate } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  const current = normalisePath(to) === path ? "page" : undefined;
  return (
    <a href={to} aria-current={current} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
