// A template's page: the firmware configuration lines to paste into a sketch, and
// (admin, staff) a rename that keeps the id the firmware carries.
import { useState } from 'preact/hooks';
import { call, can, get } from '../api.js';
import { CopyButton, ErrorNote, useLoad } from '../components.jsx';
import { RenameDialog } from '../rename_dialog.jsx';
import { when } from '../format.js';

// A C string literal: the name may hold quotes or backslashes.
const cString = (s) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';

function Lines({ title, text }) {
  return (
    <figure class="lines">
      <figcaption>{title}</figcaption>
      <pre>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} label={`Copy ${title}`} />
    </figure>
  );
}

function Rename({ template, onDone, onClose }) {
  return (
    <RenameDialog
      title="Rename the template"
      fieldId="template-rename"
      maxLength={50}
      initial={template.name}
      hint="The template id stays: devices and sketches that carry it keep working."
      save={async (name) => {
        await call('PATCH', `/api/v1/templates/${encodeURIComponent(template.id)}`, { name });
        onDone();
      }}
      onClose={onClose}
    />
  );
}

export function TemplatePage({ id, user }) {
  const [templates, error, reload] = useLoad(() => get('/api/v1/templates'), [id]);
  const [renaming, setRenaming] = useState(false);
  if (error) return <ErrorNote error={error} />;
  if (!templates) return <p aria-live="polite">Loading…</p>;
  const t = templates.find((x) => x.id === id);
  if (!t) {
    return (
      <section>
        <h1>Template not found</h1>
        <p>
          <a href="#/templates">Back to the templates</a>
        </p>
      </section>
    );
  }
  const onboard = `#define ONBOARD_TEMPLATE_ID ${cString(t.id)}\n#define ONBOARD_TEMPLATE_NAME ${cString(t.name)}`;
  const blynk = `#define BLYNK_TEMPLATE_ID ${cString(t.id)}\n#define BLYNK_TEMPLATE_NAME ${cString(t.name)}`;
  return (
    <section>
      <p class="crumbs">
        <a href="#/templates">Templates</a> /
      </p>
      <h1>{t.name}</h1>
      {can.manageTemplates(user) && (
        <div class="actions">
          <button type="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
        </div>
      )}
      {renaming && (
        <Rename
          template={t}
          onClose={() => setRenaming(false)}
          onDone={() => {
            setRenaming(false);
            reload();
          }}
        />
      )}
      <dl class="facts">
        <dt>Template id</dt>
        <dd>
          <code>{t.id}</code>
        </dd>
        <dt>Created</dt>
        <dd>{when(t.createdAt)}</dd>
      </dl>
      <h2>Firmware configuration</h2>
      <p>Copy these lines to the top of your sketch, before any include.</p>
      <Lines title="Onboard SDK" text={onboard} />
      <Lines title="Blynk Edgent sketch" text={blynk} />
    </section>
  );
}
