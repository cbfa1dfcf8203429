// A template's page: the firmware configuration lines to paste into a sketch.
import { get } from '../api.js';
import { CopyButton, ErrorNote, useLoad } from '../components.jsx';
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

export function TemplatePage({ id }) {
  const [templates, error] = useLoad(() => get('/api/v1/templates'), [id]);
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
