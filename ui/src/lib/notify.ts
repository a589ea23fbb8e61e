/** Messages for the polite alert region. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let notices: Notice[] = [];
let next = 1;
const listeners = new Set<(n: Notice[]) => void>();

function emit(): void {
  listeners.forEach((l) => l(notices));
}

export function notify(text: string, kind: Notice['kind'] = 'error'): void {
  if (notices.some((n) => n.text === text)) return;
  const notice = { id: next++, kind, text };
  notices = [...notices.slice(-3), notice];
  emit();
  if (kind === 'info') setTimeout(() => dismiss(notice.id), 5000);
}

/** Shows an error's message (an ApiError carries the problem's detail). */
export function notifyError(e: unknown): void {
  if ((e as Error)?.name === 'AbortError') return;
  notify((e as Error)?.message || String(e), 'error');
}

export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function subscribeNotices(listener: (n: Notice[]) => void): () => void {
  listeners.add(listener);
  listener(notices);
  return () => listeners.delete(listener);
}
