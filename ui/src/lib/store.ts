/** Settings kept in this browser's localStorage. */
const KEY = 'omnivox.apiKey';
const THEME = 'omnivox.theme';
const VOICE = 'omnivox.voice';
const PIPELINE = 'omnivox.pipeline';
const TARGET = 'omnivox.targetLanguage';

function get(name: string): string | null {
  try {
    return localStorage.getItem(name);
  } catch {
    return null;
  }
}

function set(name: string, value: string | null): void {
  try {
    if (value === null || value === '') localStorage.removeItem(name);
    else localStorage.setItem(name, value);
  } catch {
    /* private mode: settings last for this page only */
  }
  listeners.forEach((l) => l());
}

const listeners = new Set<() => void>();
export function onSettingsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Theme = 'light' | 'dark' | 'system';

export const settings = {
  apiKey: () => get(KEY) ?? '',
  setApiKey: (key: string) => set(KEY, key.trim()),
  theme: (): Theme => (get(THEME) as Theme) ?? 'system',
  setTheme: (t: Theme) => set(THEME, t === 'system' ? null : t),
  voice: () => get(VOICE) ?? '',
  setVoice: (v: string) => set(VOICE, v),
  pipeline: () => get(PIPELINE) ?? 'voice-chat',
  setPipeline: (p: string) => set(PIPELINE, p),
  targetLanguage: () => get(TARGET) ?? 'en',
  setTargetLanguage: (l: string) => set(TARGET, l),
};

/** Applies the theme to <html data-theme>; 'system' follows prefers-color-scheme. */
export function applyTheme(theme: Theme = settings.theme()): 'light' | 'dark' {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia?.('(prefers-color-scheme: dark)').matches);
  const resolved = dark ? 'dark' : 'light';
  document.documentElement.dataset.theme = resolved;
  return resolved;
}
