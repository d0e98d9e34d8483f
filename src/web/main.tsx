import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { isApiError, setUnauthenticatedHandler } from './lib/api.js';
import { forgetSession } from './lib/session.js';
import { createAppRouter } from './routes/router.js';
import { cssVariablesResolver, theme } from './theme.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; network blips and 5xx get two more tries.
      retry: (count, error) =>
        isApiError(error) && error.status >= 400 && error.status < 500 ? false : count < 2,
    },
  },
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
});

const router = createAppRouter(queryClient);

let redirecting = false;
setUnauthenticatedHandler(() => {
  // The session ended (expired, signed out elsewhere): go to sign-in and come back afterwards.
  if (redirecting) return;
  redirecting = true;
  const here = router.state.location.href;
  forgetSession(queryClient);
  void router
    .navigate({ to: '/sign-in', search: { redirect: here.startsWith('/sign-in') ? undefined : here } })
    .finally(() => {
      redirecting = false;
    });
});

const colorSchemeManager = localStorageColorSchemeManager({ key: 'mantine-color-scheme-value' });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
