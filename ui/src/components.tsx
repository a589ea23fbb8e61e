import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { dismiss, subscribeNotices, type Notice } from './lib/notify';

/** The polite alert region: errors (problem details) and short notes. */
export function Notices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => subscribeNotices(setNotices), []);
  return (
    <div class="notices" role="status" aria-live="polite" data-testid="alerts">
      {notices.map((n) => (
        <div key={n.id} class={`notice notice-${n.kind}`} data-testid="alert">
          <span>{n.text}</span>
          <button type="button" class="icon-btn" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** A modal dialog built on <dialog> (focus trap and Escape come with it). */
export function Modal(props: { open: boolean; title: string; onClose: () => void; children: ComponentChildren; testid?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} class="modal" aria-labelledby="modal-title" onClose={props.onClose} data-testid={props.testid}>
      <div class="modal-head">
        <h2 id="modal-title">{props.title}</h2>
        <button type="button" class="icon-btn" aria-label="Close" onClick={props.onClose}>×</button>
      </div>
      <div class="modal-body">{props.children}</div>
    </dialog>
  );
}

export function Spinner(props: { label?: string }) {
  return <span class="spinner" role="img" aria-label={props.label ?? 'Working'} />;
}

/** Friendly byte sizes. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
