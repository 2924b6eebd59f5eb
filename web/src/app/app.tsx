import { RouterProvider } from 'react-router';
import { AppProvider } from './provider';
import { router } from './router';

/** The whole web app: providers around the router. */
export function App() {
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
