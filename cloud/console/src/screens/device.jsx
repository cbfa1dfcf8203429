// One device: what Blynk's device page shows, the live timeline, and the
// actions its owner (or an admin) may take, each behind a confirmation.
import { useEffect, useState } from 'preact/hooks';
import { call, can, get } from '../api.js';
import { onLive } from '../live.js';
import { go } from '../route.js';
import { Confirm, CopyButton, ErrorNote, Modal, Qr, useLoad } from '../components.jsx';
import { RenameDialog } from '../rename_dialog.jsx';
import { when } from '../format.js';

const TYPES = ['online', 'offline', 'activated', 'event', 'warning'];

function Rename({ device, onDone, onClose }) {
  return (
    <RenameDialog
      title="Rename the device"
      fieldId="rename-name"
      maxLength={100}
      initial={device.name}
      save={async (name) => onDone((await call('PATCH', `/api/v1/devices/${device.id}`, { name })).data)}
      onClose={onClose}
    />
  );
}

// The new provisioning token: hidden until revealed, with copy and a QR code for the app.
function NewToken({ device, session, onClose }) {
  const [shown, setShown] = useState(false);
  const payload = `onboard:reconfigure?server=${encodeURIComponent(location.origin)}&device=${device.id}&token=${session.token}`;
  return (
    <Modal title="Reconfigure started" onClose={onClose}>
      <p>
        {session.deviceNotified
          ? 'The device was told to open its setup network; it keeps its current network until the new one works.'
          : 'The device is offline: hold its button for 10 s (or power it on) to open its setup network.'}{' '}
        Give the app this provisioning token (valid until {when(session.expiresAt)}).
      </p>
      <div class="token">
        <span class="label" id="token-label">
          Provisioning token
        </span>
        <code aria-labelledby="token-label">{shown ? session.token : '•'.repeat(16)}</code>
        <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide token' : 'Reveal token'}
        </button>
        <CopyButton text={session.token} label="Copy token" />
      </div>
      {shown && <Qr text={payload} label="QR code of the provisioning token for the Onboard app" />}
      <div class="buttons">
        <button type="button" class="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}

function Timeline({ id }) {
  const [events, error, , setEvents] = useLoad(() => get(`/api/v1/devices/${id}/timeline?limit=200`), [id]);
  const [hidden, setHidden] = useState(new Set());
  useEffect(
    () =>
      onLive((type, data) => {
        if (type === 'timeline' && String(data.deviceId) === String(id)) {
          const event = { ts: data.ts, type: data.type, code: data.code, description: data.description };
          setEvents((list) => [event, ...(list ?? [])].slice(0, 500));
        }
      }),
    [id],
  );
  const toggle = (t) => {
    const next = new Set(hidden);
    next.has(t) ? next.delete(t) : next.add(t);
    setHidden(next);
  };
  const shown = (events ?? []).filter((e) => !hidden.has(e.type));
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <fieldset class="filters">
        <legend>Show</legend>
        {TYPES.map((t) => (
          <label key={t} class="check">
            <input type="checkbox" checked={!hidden.has(t)} onChange={() => toggle(t)} /> {t}
          </label>
        ))}
      </fieldset>
      <ErrorNote error={error} />
      {shown.length === 0 ? (
        <p class="empty">No events{hidden.size ? ' of the chosen types' : ''}.</p>
      ) : (
        <ol class="timeline">
          {shown.map((e, i) => (
            <li key={`${e.ts}-${i}`} class={`ev ev-${e.type}`}>
              <time dateTime={e.ts}>{when(e.ts)}</time> <span class="type">{e.type}</span>{' '}
              {e.code && e.code !== e.type && <code>{e.code}</code>} <span>{e.description}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function DevicePage({ id, user }) {
  const [device, error, , setDevice] = useLoad(() => get(`/api/v1/devices/${encodeURIComponent(id)}`), [id]);
  const [templates] = useLoad(() => get('/api/v1/templates'), []);
  const [users] = useLoad(() => (can.manageUsers(user) ? get('/api/v1/users') : Promise.resolve([])), [user.id]);
  const [dialog, setDialog] = useState(null);
  const [session, setSession] = useState(null);
  const [notice, setNotice] = useState(null);
  const [timelineKey, setTimelineKey] = useState(0);

  useEffect(
    () =>
      onLive((type, data) => {
        if (type === 'status' && String(data.deviceId) === String(id)) {
          setDevice((d) => d && { ...d, online: data.online, lastSeen: data.ts });
        }
      }),
    [id],
  );

  if (error) {
    return (
      <section>
        <h1>Device</h1>
        <ErrorNote error={error} />
        <p>
          <a href="#/devices">Back to the devices</a>
        </p>
      </section>
    );
  }
  if (!device) return <p aria-live="polite">Loading…</p>;

  const manage = can.manageDevice(user, device);
  const tmpl = (templates ?? []).find((t) => t.id === device.templateId);
  const owner =
    device.ownerId === user.id ? `you (${user.email})` : (users ?? []).find((u) => u.id === device.ownerId)?.email ?? `user ${device.ownerId}`;
  const close = () => setDialog(null);

  return (
    <section>
      <p class="crumbs">
        <a href="#/devices">Devices</a> /
      </p>
      <h1>{device.name}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {manage && (
        <div class="actions">
          <button type="button" onClick={() => setDialog('rename')}>
            Rename
          </button>
          <button type="button" onClick={() => setDialog('reconfigure')}>
            Reconfigure
          </button>
          <button type="button" class="danger" onClick={() => setDialog('erase')}>
            Erase data
          </button>
          <button type="button" class="danger" onClick={() => setDialog('delete')}>
            Delete
          </button>
        </div>
      )}
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={device.online ? 'status online' : 'status offline'}>{device.online ? 'Online' : 'Offline'}</span>
        </dd>
        <dt>Last online</dt>
        <dd>{device.online ? 'now' : when(device.lastSeen)}</dd>
        <dt>Activated</dt>
        <dd>
          {when(device.activatedAt)} by {owner}
        </dd>
        <dt>Template</dt>
        <dd>{tmpl ? <a href={`#/templates/${tmpl.id}`}>{tmpl.name}</a> : device.templateId}</dd>
        <dt>Firmware</dt>
        <dd>{device.firmware || '—'}</dd>
        <dt>Heartbeat</dt>
        <dd>{device.heartbeat ? `${device.heartbeat} s` : '—'}</dd>
        <dt>Auth token</dt>
        <dd>Hidden: the cloud keeps only its hash. Reconfigure issues a new token, shown once.</dd>
        <dt>Device id</dt>
        <dd>{device.id}</dd>
      </dl>
      <Timeline key={timelineKey} id={device.id} />

      {dialog === 'rename' && (
        <Rename
          device={device}
          onClose={close}
          onDone={(d) => {
            setDevice(d);
            setNotice(`Renamed to ${d.name}.`);
            close();
          }}
        />
      )}
      {dialog === 'reconfigure' && (
        <Confirm
          title={`Reconfigure ${device.name}?`}
          text="A new provisioning token is issued for this device. Its current token keeps working until the device uses the new one."
          action={async () => (await call('POST', `/api/v1/devices/${device.id}/reconfigure`)).data}
          onClose={close}
          onDone={(s) => {
            setSession(s);
            setDialog('token');
          }}
        />
      )}
      {dialog === 'token' && session && (
        <NewToken
          device={device}
          session={session}
          onClose={() => {
            setSession(null);
            close();
          }}
        />
      )}
      {dialog === 'erase' && (
        <Confirm
          title={`Erase all data of ${device.name}?`}
          text="Stored pin values and the timeline are deleted. The device stays activated."
          action={() => call('POST', `/api/v1/devices/${device.id}/erase`)}
          onClose={close}
          onDone={() => {
            setNotice('Device data erased.');
            close();
            setTimelineKey((k) => k + 1);
          }}
        />
      )}
      {dialog === 'delete' && (
        <Confirm
          title={`Delete ${device.name}?`}
          text="Its token stops working at once and the device is disconnected. This cannot be undone."
          action={() => call('DELETE', `/api/v1/devices/${device.id}`)}
          onClose={close}
          onDone={() => go('#/devices')}
        />
      )}
    </section>
  );
}
