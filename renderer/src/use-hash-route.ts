// Runs in the renderer. Routing by location hash (#/units): works the same under app:// and http://.
import { useEffect, useState } from 'react';

export const ROUTES = ['dashboard', 'intake', 'log', 'followup', 'zero', 'relay', 'ledger', 'roster', 'handover', 'bulletin', 'stats', 'units', 'users', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

function current(): Route {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'dashboard';
}

export function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route, (r) => (window.location.hash = `#/${r}`)];
}
