// The rename dialog of a device's and a template's page: one name field, Save and Cancel,
// and the server's refusal shown in place until the user tries again or cancels.
import { useState } from 'preact/hooks';
import { ErrorNote, Modal } from './components.jsx';

// `save(name)` gets the trimmed name and sends it; when it throws, its message is shown.
export function RenameDialog({ title, fieldId, maxLength, initial, hint, save, onClose }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    try {
      await save(name.trim());
    } catch (err) {
      setError(err.message);
    }
  };
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit}>
        <label for={fieldId}>Name</label>
        <input id={fieldId} required maxLength={maxLength} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        {hint && <p class="muted">{hint}</p>}
        <ErrorNote error={error} />
        <div class="buttons">
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
