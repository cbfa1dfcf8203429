// Small pieces the screens share: a modal confirmation, a copy button, an
// error line and the QR code. All text goes through Preact as text.
import { useEffect, useRef, useState } from 'preact/hooks';
import { encode } from 'uqr';

// A modal <dialog>: focus is trapped by the browser, Escape cancels.
export function Modal({ title, children, onClose }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    const cancel = (e) => {
      e.preventDefault();
      onClose();
    };
    d?.addEventListener('cancel', cancel);
    return () => d?.removeEventListener('cancel', cancel);
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="modal-title">
      <h2 id="modal-title">{title}</h2>
      {children}
    </dialog>
  );
}

// Asks before doing something that cannot be undone; shows the server's refusal.
export function Confirm({ title, text, action, onDone, onClose }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      onDone?.(result);
    } catch (e) {
      setError(e.message);
      setBusy(false);
    }
  };
  return (
    <Modal title={title} onClose={onClose}>
      <p>{text}</p>
      <ErrorNote error={error} />
      <div class="buttons">
        <button type="button" class="danger" onClick={confirm} disabled={busy}>
          Confirm
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

export function ErrorNote({ error }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {String(error)}
    </p>
  );
}

export function CopyButton({ text, label = 'Copy' }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      setDone(false);
    }
  };
  return (
    <button type="button" onClick={copy}>
      {done ? 'Copied' : label}
    </button>
  );
}

// The QR code as SVG path data: no image URL, nothing for the CSP to allow.
export function Qr({ text, label }) {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (data[y][x]) d += `M${x} ${y}h1v1h-1z`;
  }
  return (
    <svg class="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

// Loads data for a screen: [value, error, reload].
export function useLoad(load, deps) {
  const [state, setState] = useState({ value: undefined, error: null });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ value, error: null }),
      (e) => live && setState({ value: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  const set = (next) =>
    setState((s) => ({ value: typeof next === 'function' ? next(s.value) : next, error: null }));
  return [state.value, state.error, () => setN((x) => x + 1), set];
}
