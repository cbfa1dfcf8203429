// The REST API and the live event stream. The session's bearer token lives in
// this module's memory only: no cookie, no storage, so a reload signs out.

let session = null; // { token, user: { id, email, role, orgId } }
const listeners = new Set();

export const currentUser = () => session?.user ?? null;
export const onSessionChange = (fn) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const changed = () => listeners.forEach((fn) => fn(currentUser()));

export class ApiError extends Error {
  constructor(status, error, reason) {
    super(reason || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
  }
}

export async function call(method, path, body) {
  const headers = {};
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
  if (response.status === 401 && session && path !== '/api/v1/login') {
    session = null;
    changed();
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) throw new ApiError(response.status, data?.error, data?.reason);
  return { data, total: Number(response.headers.get('X-Total-Count') ?? NaN) };
}

export const get = async (path) => (await call('GET', path)).data;

// A GET of a call that older servers lack: their 404 becomes a sentence.
export const getNewer = (path, what) =>
  get(path).catch((e) => {
    if (e.status === 404 || e.status === 405) {
      throw new Error(`This server does not offer ${what} yet: it needs a newer onboard-cloud.`);
    }
    throw e;
  });

export async function signIn(email, password) {
  const { data } = await call('POST', '/api/v1/login', { email, password });
  session = { token: data.token, user: data.user };
  changed();
  return data.user;
}

export async function signOut() {
  const was = session;
  session = null;
  changed();
  if (!was) return;
  try {
    await fetch('/api/v1/logout', { method: 'POST', headers: { Authorization: `Bearer ${was.token}` } });
  } catch {
    // The token is gone from memory either way.
  }
}

// Server-Sent Events over fetch (EventSource cannot send the bearer header).
// Calls onEvent(type, data) per event; reconnects with a growing pause while
// signed in. Returns a function that stops it.
export function openEvents(onEvent) {
  let stopped = false;
  let controller = null;
  let pause = 500;
  const run = async () => {
    while (!stopped && session) {
      controller = new AbortController();
      try {
        const response = await fetch('/api/v1/events', {
          headers: { Authorization: `Bearer ${session.token}`, Accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (response.status === 401) {
          session = null;
          changed();
          return;
        }
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) type = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (!data) continue;
            pause = 500;
            try {
              onEvent(type, JSON.parse(data));
            } catch (e) {
              console.error('event handler failed', e);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      if (stopped) return;
      onEvent('disconnected', {});
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 10000);
    }
  };
  run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

export const can = {
  manageTemplates: (u) => u && (u.role === 'admin' || u.role === 'staff'),
  manageUsers: (u) => u && u.role === 'admin',
  seeStats: (u) => u && (u.role === 'admin' || u.role === 'staff'),
  manageDevice: (u, d) => u && d && (u.role === 'admin' || d.ownerId === u.id),
};
