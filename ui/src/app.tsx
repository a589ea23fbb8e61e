import { Icon } from './icons';
import { useEffect, useState } from 'preact/hooks';
import { Modal, Notices } from './components';
import { setUnauthorizedListener } from './lib/api';
import { useRoute, type Route } from './lib/router';
import { applyTheme, settings } from './lib/store';
import { ChatView } from './views/Chat';
import { KnowledgeView } from './views/Knowledge';
import { SettingsView } from './views/Settings';
import { StudioView } from './views/Studio';
import { VoiceView } from './views/Voice';

const NAV: { route: Route; label: string; icon: string }[] = [
  { route: 'chat', label: 'Chat', icon: 'chat' },
  { route: 'voice', label: 'Voice', icon: 'mic' },
  { route: 'knowledge', label: 'Knowledge', icon: 'book' },
  { route: 'studio', label: 'Studio', icon: 'headphones' },
  { route: 'settings', label: 'Settings', icon: 'gear' },
];

export function App() {
  const route = useRoute();
  const [navOpen, setNavOpen] = useState(false);
  const [theme, setTheme] = useState<'light' | 'dark'>(() => (document.documentElement.dataset.theme as 'light' | 'dark') ?? 'light');
  const [askKey, setAskKey] = useState<string | null>(() => (settings.apiKey() ? null : 'Enter your Omnivox API key to start.'));

  useEffect(() => {
    setUnauthorizedListener((e) => setAskKey(`The server refused the API key: ${e.detail}`));
  }, []);
  useEffect(() => setNavOpen(false), [route]);
  useEffect(() => {
    const titles: Record<Route, string> = { chat: 'Chat', voice: 'Voice', knowledge: 'Knowledge', studio: 'Studio', settings: 'Settings' };
    document.title = `${titles[route]} · Omnivox`;
  }, [route]);

  const toggleTheme = () => {
    const nextTheme = theme === 'dark' ? 'light' : 'dark';
    settings.setTheme(nextTheme);
    setTheme(applyTheme(nextTheme));
  };

  return (
    <div class="app">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="topbar">
        <button type="button" class="icon-btn" aria-label="Menu" aria-expanded={navOpen} aria-controls="sidenav" onClick={() => setNavOpen(!navOpen)} data-testid="nav-toggle">
          <Icon name="menu" size={22} />
        </button>
        <span class="brand">Omnivox</span>
        <ThemeButton theme={theme} onToggle={toggleTheme} />
      </header>
      <nav id="sidenav" class={`sidenav ${navOpen ? 'open' : ''}`} aria-label="Main">
        <div class="brand-row">
          <span class="logo"><Icon name="logo" size={24} /></span>
          <span class="brand">Omnivox</span>
        </div>
        <ul>
          {NAV.map((n) => (
            <li key={n.route}>
              <a href={`#/${n.route}`} aria-current={route === n.route ? 'page' : undefined} data-testid={`nav-${n.route}`}>
                <Icon name={n.icon} class="nav-icon" />
                {n.label}
              </a>
            </li>
          ))}
        </ul>
        <div class="nav-foot">
          <ThemeButton theme={theme} onToggle={toggleTheme} />
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        {route === 'chat' && <ChatView />}
        {route === 'voice' && <VoiceView />}
        {route === 'knowledge' && <KnowledgeView />}
        {route === 'studio' && <StudioView />}
        {route === 'settings' && <SettingsView />}
      </main>
      <Notices />
      <KeyDialog reason={askKey} onDone={() => setAskKey(null)} />
    </div>
  );
}

function ThemeButton(props: { theme: 'light' | 'dark'; onToggle: () => void }) {
  const dark = props.theme === 'dark';
  return (
    <button type="button" class="theme-btn" aria-pressed={dark} onClick={props.onToggle} data-testid="theme-toggle">
      <Icon name={dark ? 'sun' : 'moon'} size={16} /> {dark ? 'Light theme' : 'Dark theme'}
    </button>
  );
}

function KeyDialog(props: { reason: string | null; onDone: () => void }) {
  const [key, setKey] = useState('');
  const save = (e: Event) => {
    e.preventDefault();
    if (!key.trim()) return;
    settings.setApiKey(key);
    setKey('');
    props.onDone();
  };
  return (
    <Modal open={props.reason !== null} title="API key" onClose={props.onDone} testid="key-dialog">
      <form onSubmit={save} class="stack">
        <p>{props.reason}</p>
        <p class="muted">
          Keys start with <code>ovx_</code>. The server prints the first admin key when it starts; it stays in this browser only.
        </p>
        <label for="key-dialog-input">API key</label>
        <input id="key-dialog-input" type="password" autoComplete="off" value={key} onInput={(e) => setKey(e.currentTarget.value)} required />
        <div class="row end">
          <button type="button" class="btn" onClick={props.onDone}>Later</button>
          <button type="submit" class="btn primary">Save key</button>
        </div>
      </form>
    </Modal>
  );
}
