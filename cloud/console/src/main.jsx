// The Onboard console: sign-in, then the screens behind the navigation.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './style.css';
import { currentUser, onSessionChange, signOut } from './api.js';
import { startLive, stopLive } from './live.js';
import { useRoute } from './route.js';
import { SignIn } from './screens/signin.jsx';
import { Devices } from './screens/devices.jsx';
import { DevicePage } from './screens/device.jsx';
import { Templates } from './screens/templates.jsx';
import { TemplatePage } from './screens/template.jsx';
import { Provisioning } from './screens/provisioning.jsx';
import { Users } from './screens/users.jsx';

const screens = [
  ['devices', 'Devices'],
  ['templates', 'Templates'],
  ['provisioning', 'Provisioning'],
  ['users', 'Users'],
];

function Screen({ route, user }) {
  const { screen, id } = route;
  if (screen === 'devices') return id ? <DevicePage id={id} user={user} /> : <Devices user={user} />;
  if (screen === 'templates') return id ? <TemplatePage id={id} user={user} /> : <Templates user={user} />;
  if (screen === 'provisioning') return <Provisioning user={user} />;
  if (screen === 'users') return <Users user={user} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no such page. <a href="#/devices">Go to the devices</a>.
      </p>
    </section>
  );
}

function App() {
  const [user, setUser] = useState(currentUser());
  const route = useRoute();
  useEffect(() => onSessionChange(setUser), []);
  useEffect(() => {
    if (user) startLive();
    else stopLive();
  }, [user]);
  useEffect(() => {
    const title = screens.find(([s]) => s === route.screen)?.[1];
    document.title = user && title ? `${title} · Onboard console` : 'Onboard console';
  }, [route.screen, user]);

  if (!user) return <SignIn />;
  return (
    <>
      <header class="top">
        <span class="brand">Onboard</span>
        <nav aria-label="Main">
          <ul>
            {screens.map(([s, label]) => (
              <li key={s}>
                <a href={`#/${s}`} aria-current={route.screen === s ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {user.email} <span class="role">({user.role})</span>
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        <Screen route={route} user={user} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app'));
// The first screen is rendered and its handlers attached: bench/console measures up to here.
performance.mark('console-interactive');
