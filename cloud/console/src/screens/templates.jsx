import { useState } from 'preact/hooks';
import { call, can, get } from '../api.js';
import { ErrorNote, useLoad } from '../components.jsx';
import { go } from '../route.js';
import { when } from '../format.js';

function NewTemplate({ onCreated, onCancel }) {
  const [name, setName] = useState('');
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    try {
      onCreated((await call('POST', '/api/v1/templates', { name: name.trim() })).data);
    } catch (err) {
      setError(err.message);
    }
  };
  return (
    <form class="card inline" onSubmit={submit} aria-label="New template">
      <label for="template-name">Name</label>
      <input id="template-name" required maxLength={50} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <p class="hint">
        Up to 50 characters. Devices broadcast <code>Onboard &lt;name&gt;-XXXX</code> while in setup, so short
        names are best (the SSID is cut to 32 bytes).
      </p>
      <ErrorNote error={error} />
      <div class="buttons">
        <button type="submit" class="primary">
          Create
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function Templates({ user }) {
  const [templates, error] = useLoad(() => get('/api/v1/templates'), []);
  const [adding, setAdding] = useState(false);
  return (
    <section>
      <h1>Templates</h1>
      {can.manageTemplates(user) && !adding && (
        <div class="actions">
          <button type="button" class="primary" onClick={() => setAdding(true)}>
            New template
          </button>
        </div>
      )}
      {adding && <NewTemplate onCancel={() => setAdding(false)} onCreated={(t) => go(`#/templates/${t.id}`)} />}
      <ErrorNote error={error} />
      {templates && templates.length === 0 && <p class="empty">No templates yet.</p>}
      {templates && templates.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Template id</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={`#/templates/${t.id}`}>{t.name}</a>
                </td>
                <td>
                  <code>{t.id}</code>
                </td>
                <td>{when(t.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
