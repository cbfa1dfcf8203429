// One event stream for the whole console, shared by the screens that show
// live state (the devices list, a device's page).
import { openEvents } from './api.js';

const listeners = new Set();
let stop = null;
let ready = false;

export function startLive() {
  if (stop) return;
  stop = openEvents((type, data) => {
    if (type === 'ready') ready = true;
    if (type === 'disconnected') ready = false;
    listeners.forEach((fn) => fn(type, data));
  });
}

export function stopLive() {
  stop?.();
  stop = null;
  ready = false;
}

export const liveReady = () => ready;

// fn(type, data); returns the unsubscribe function (a useEffect cleanup).
export function onLive(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
