// The devices the user may see: a page at a time from the server, searched by
// name there, status kept live by the event stream (no polling).
import { useEffect, useState } from 'preact/hooks';
import { call, get } from '../api.js';
import { onLive } from '../live.js';
import { ErrorNote } from '../components.jsx';
import { when } from '../format.js';

const PAGE = 50;

export function Devices() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState(null); // { devices, total }
  const [error, setError] = useState(null);
  const [templates, setTemplates] = useState({});
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(query.trim());
      setOffset(0);
    }, 200);
    return () => clearTimeout(t);
  }, [query]);

  useEffect(() => {
    let live = true;
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (search) params.set('q', search);
    call('GET', `/api/v1/devices?${params}`).then(
      ({ data, total }) => live && (setPage({ devices: data, total: Number.isNaN(total) ? data.length : total }), setError(null)),
      (e) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [search, offset, reload]);

  useEffect(() => {
    get('/api/v1/templates').then(
      (list) => setTemplates(Object.fromEntries(list.map((t) => [t.id, t.name]))),
      () => {},
    );
  }, []);

  useEffect(() => {
    // Many activations at once (a factory line) reload the page at most once a second.
    let pending = null;
    const reloadSoon = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        setReload((n) => n + 1);
      }, 1000);
    };
    const stop = onLive((type, data) => {
      if (type === 'status') {
        setPage((p) =>
          p && {
            ...p,
            devices: p.devices.map((d) =>
              d.id === data.deviceId ? { ...d, online: data.online, lastSeen: data.ts } : d,
            ),
          },
        );
      } else if (type === 'activated') {
        reloadSoon();
      } else if (type === 'ready' || type === 'reset') {
        setReload((n) => n + 1); // (re)connected: events may have been missed
      }
    });
    return () => {
      stop();
      clearTimeout(pending);
    };
  }, []);

  const devices = page?.devices ?? [];
  const total = page?.total ?? 0;
  return (
    <section>
      <h1>Devices</h1>
      <div class="toolbar">
        <label for="device-search">Search by name</label>
        <input id="device-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <span class="muted" aria-live="polite">
          {page ? `${total} device${total === 1 ? '' : 's'}` : 'Loading…'}
        </span>
      </div>
      <ErrorNote error={error} />
      {page && devices.length === 0 ? (
        <p class="empty">
          {search ? 'No device matches this name.' : 'No devices yet. Add one with the Onboard app or `onboard add-device`.'}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Last seen</th>
              <th scope="col">Firmware</th>
              <th scope="col">Template</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`#/devices/${d.id}`}>{d.name}</a>
                </td>
                <td>
                  <span class={d.online ? 'status online' : 'status offline'}>{d.online ? 'Online' : 'Offline'}</span>
                </td>
                <td>{d.online ? 'now' : when(d.lastSeen)}</td>
                <td>{d.firmware || '—'}</td>
                <td>{templates[d.templateId] ?? d.templateId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
