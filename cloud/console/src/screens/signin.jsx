import { useState } from 'preact/hooks';
import { signIn } from '../api.js';
import { ErrorNote } from '../components.jsx';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(err.status === 401 ? 'Wrong email or password.' : err.message);
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <form onSubmit={submit} class="card">
        <h1>Sign in to Onboard</h1>
        <label for="email">Email</label>
        <input id="email" type="email" autocomplete="username" required value={email}
          onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="password">Password</label>
        <input id="password" type="password" autocomplete="current-password" required value={password}
          onInput={(e) => setPassword(e.currentTarget.value)} />
        <ErrorNote error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
