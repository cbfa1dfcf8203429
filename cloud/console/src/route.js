// Hash routes (#/devices/12): the server only ever serves /, so any link works
// after a reload and no path reaches the API by mistake.
import { useEffect, useState } from 'preact/hooks';

export const parse = () => {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: parts[0] || 'devices', id: parts[1] ?? null };
};

export function useRoute() {
  const [route, setRoute] = useState(parse());
  useEffect(() => {
    const on = () => setRoute(parse());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (hash) => {
  location.hash = hash;
};
