// SPDX-License-Identifier: AGPL-3.0-or-later
import { Suspense, useEffect, useState, type ReactNode } from "react";
import { effectiveForm, useClientAddressForm } from "./account/client-address-form";
import { Layout } from "./components/layout";
import { onQuickExit } from "./components/quick-exit";
import type { AppConfig } from "./config";
import type { AddressForm } from "./i18n";
import { AddressFormContext, useT } from "./i18n/use-t";
import { useSessionRestoring } from "./keys/use-session";
import { RouterProvider, useRouter } from "./router/router";
import { matchRoute } from "./routes/routes";

function CurrentPage({ config }: { config: AppConfig }) {
  const { t } = useT();
  const { path } = useRouter();
  const restoring = useSessionRestoring();
  const route = matchRoute(path);
  const PageComponent = route.page;
  return (
    <Layout title={t(route.titleKey)} clientFacing={route.clientFacing} quickExitUrl={config.quickExitUrl}>
      {restoring ? (
        <PageLoading text={t("device.restoring")} />
      ) : (
        // key: a fresh page instance (and fresh form state) per path
        <Suspense fallback={<PageLoading />}>
          <PageComponent key={route.path} />
        </Suspense>
      )}
    </Layout>
  );
}

/** Shown while a lazily loaded page arrives; announced politely to screen readers. */
function PageLoading({ text }: { text?: string }) {
  const { t } = useT();
  return (
    <p role="status" className="page-loading">
      {text ?? t("common.loading")}
    </p>
  );
}

export function App({ config }: { config: AppConfig }) {
  // On quick exit render nothing at all, so no content lingers on screen or
  // in a back/forward-cache snapshot while the browser navigates away.
  const [exited, setExited] = useState(false);
  useEffect(() => onQuickExit(() => setExited(true)), []);
  if (exited) return null;
  return (
    <ClientAddressFormProvider fallback={config.addressForm}>
      <RouterProvider>
        <CurrentPage config={config} />
      </RouterProvider>
    </ClientAddressFormProvider>
  );
}

/** The logged-in client's form of address on every page (issue #15, item 7); else the deployment's. */
function ClientAddressFormProvider({ fallback, children }: { fallback: AddressForm; children: ReactNode }) {
  const form = effectiveForm(useClientAddressForm()) ?? fallback;
  return <AddressFormContext.Provider value={form}>{children}</AddressFormContext.Provider>;
}
