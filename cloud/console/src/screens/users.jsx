// The organization's users (admins add, change roles, remove) and, for
// everyone, their own password.
import { useState } from 'preact/hooks';
import { call, can, getNewer, signOut } from '../api.js';
import { Confirm, ErrorNote, useLoad } from '../components.jsx';

const ROLES = ['admin', 'staff', 'user'];

function AddUser({ onAdded }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('user');
  const [confirming, setConfirming] = useState(false);
  const submit = (e) => {
    e.preventDefault();
    setConfirming(true);
  };
  return (
    <form class="card inline" onSubmit={submit} aria-labelledby="add-user-title">
      <h2 id="add-user-title">Add a user</h2>
      <label for="new-email">Email</label>
      <input id="new-email" type="email" required autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <label for="new-password">Password</label>
      <input id="new-password" type="password" required minLength={8} autocomplete="new-password" value={password}
        onInput={(e) => setPassword(e.currentTarget.value)} />
      <label for="new-role">Role</label>
      <select id="new-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <div class="buttons">
        <button type="submit" class="primary">
          Add user
        </button>
      </div>
      {confirming && (
        <Confirm
          title={`Add ${email.trim()} as ${role}?`}
          text="They can sign in at once with this password."
          action={() => call('POST', '/api/v1/users', { email: email.trim(), password, role })}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false);
            setEmail('');
            setPassword('');
            onAdded();
          }}
        />
      )}
    </form>
  );
}

function UserList({ me }) {
  const [users, error, reload] = useLoad(() => getNewer('/api/v1/users', 'user management'), []);
  const [removing, setRemoving] = useState(null);
  const [changing, setChanging] = useState(null); // {user, role} waiting for confirmation
  return (
    <>
      <ErrorNote error={error} />
      {users && (
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>
                  {u.id === me.id ? (
                    u.role
                  ) : (
                    <select aria-label={`Role of ${u.email}`} value={u.role} onChange={(e) => {
                      const role = e.currentTarget.value;
                      e.currentTarget.value = u.role; // shown again until confirmed
                      setChanging({ user: u, role });
                    }}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>
                  {u.id !== me.id && (
                    <button type="button" class="danger" aria-label={`Remove ${u.email}`} onClick={() => setRemoving(u)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddUser onAdded={reload} />
      {changing && (
        <Confirm
          title={`Make ${changing.user.email} ${changing.role}?`}
          text="The new role applies to their open sessions at once."
          action={() => call('PATCH', `/api/v1/users/${changing.user.id}`, { role: changing.role })}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            reload();
          }}
        />
      )}
      {removing && (
        <Confirm
          title={`Remove ${removing.email}?`}
          text="Their sessions end at once. Their devices stay in the organization and become yours."
          action={() => call('DELETE', `/api/v1/users/${removing.id}`)}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            reload();
          }}
        />
      )}
    </>
  );
}

function OwnPassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await call('POST', '/api/v1/me/password', { current, new: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      if (err.status === 401 && err.error !== 'wrong_password') signOut();
      setError(err.message);
    }
  };
  return (
    <form class="card inline" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Your password</h2>
      <label for="current-password">Current password</label>
      <input id="current-password" type="password" required autocomplete="current-password" value={current}
        onInput={(e) => setCurrent(e.currentTarget.value)} />
      <label for="next-password">New password</label>
      <input id="next-password" type="password" required minLength={8} autocomplete="new-password" value={next}
        onInput={(e) => setNext(e.currentTarget.value)} />
      <ErrorNote error={error} />
      {done && (
        <p class="notice" role="status">
          Password changed. Your other sessions were signed out.
        </p>
      )}
      <div class="buttons">
        <button type="submit">Change password</button>
      </div>
    </form>
  );
}

export function Users({ user }) {
  return (
    <section>
      <h1>Users</h1>
      {can.manageUsers(user) ? (
        <UserList me={user} />
      ) : (
        <p>
          You are signed in as {user.email} with the {user.role} role. Ask an admin of your organization to add users
          or change roles.
        </p>
      )}
      <OwnPassword />
    </section>
  );
}
