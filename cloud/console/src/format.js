// Dates and durations as people read them; every value stays text.
export const when = (iso) => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) return '—';
  return d.toLocaleString();
};

export const duration = (ms) => {
  if (ms == null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60000).toFixed(1)} min`;
};

export const percent = (x) => (x == null ? '—' : `${(x * 100).toFixed(0)} %`);
