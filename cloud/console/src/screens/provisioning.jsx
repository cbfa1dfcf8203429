// Every provisioning attempt with its steps and reason, and per template the
// success rate, median duration and most common errors.
import { useState } from 'preact/hooks';
import { can, get, getNewer } from '../api.js';
import { ErrorNote, useLoad } from '../components.jsx';
import { duration, percent, when } from '../format.js';

function Stats({ templateId }) {
  const q = templateId ? `?templateId=${encodeURIComponent(templateId)}` : '';
  const [stats, error] = useLoad(() => getNewer(`/api/v1/provisioning/stats${q}`, 'provisioning statistics'), [templateId]);
  if (error) return <ErrorNote error={error} />;
  if (!stats) return null;
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Summary</h2>
      <dl class="stats">
        <div>
          <dt>Attempts</dt>
          <dd>{stats.total}</dd>
        </div>
        <div>
          <dt>Success rate</dt>
          <dd>{percent(stats.successRate)}</dd>
        </div>
        <div>
          <dt>Median duration</dt>
          <dd>{duration(stats.medianMs)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{stats.failed}</dd>
        </div>
        <div>
          <dt>Expired</dt>
          <dd>{stats.expired}</dd>
        </div>
      </dl>
      <h3>Most common errors</h3>
      {stats.topReasons.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <ol class="reasons">
          {stats.topReasons.map((r) => (
            <li key={r.reason}>
              {r.reason} <span class="muted">× {r.count}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Provisioning({ user }) {
  const [templates] = useLoad(() => get('/api/v1/templates'), []);
  const [templateId, setTemplateId] = useState('');
  const q = templateId ? `&templateId=${encodeURIComponent(templateId)}` : '';
  const [sessions, error] = useLoad(
    () => getNewer(`/api/v1/provisioning?limit=100${q}`, 'the list of provisioning attempts'),
    [templateId],
  );
  const names = Object.fromEntries((templates ?? []).map((t) => [t.id, t.name]));
  return (
    <section>
      <h1>Provisioning</h1>
      <div class="toolbar">
        <label for="prov-template">Template</label>
        <select id="prov-template" value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value)}>
          <option value="">All templates</option>
          {(templates ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      {can.seeStats(user) && <Stats templateId={templateId} />}
      <h2>Attempts</h2>
      <ErrorNote error={error} />
      {sessions && sessions.length === 0 && <p class="empty">No provisioning attempts yet.</p>}
      {sessions && sessions.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Template</th>
              <th scope="col">By</th>
              <th scope="col">State</th>
              <th scope="col">Steps</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{when(s.createdAt)}</td>
                <td>{names[s.templateId] ?? s.templateId}</td>
                <td>{s.requesterEmail ?? `user ${s.requesterId}`}</td>
                <td>
                  <span class={`state state-${s.state}`}>{s.state}</span>
                  {s.reconfigure ? ' (reconfigure)' : ''}
                  {s.deviceId && (
                    <>
                      {' '}
                      <a href={`#/devices/${s.deviceId}`}>device {s.deviceId}</a>
                    </>
                  )}
                </td>
                <td>
                  <ol class="steps">
                    {(s.steps ?? []).map((st, i) => (
                      <li key={i}>
                        {st.step} <span class="muted">{when(st.ts)}</span>
                      </li>
                    ))}
                  </ol>
                </td>
                <td>{s.reason || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
