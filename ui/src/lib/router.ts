/** Hash routes, so the server needs no fallback for client-side paths. */
import { useEffect, useState } from 'preact/hooks';

export const ROUTES = ['chat', 'voice', 'knowledge', 'studio', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'chat';
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A query parameter of the hash route: `#/voice?podcast=abc` gives 'abc' for 'podcast'. */
export function routeParam(hash: string, name: string): string | null {
  const query = hash.indexOf('?');
  return query < 0 ? null : new URLSearchParams(hash.slice(query + 1)).get(name);
}
