/** Reads engine states from /q/health/ready (EnginesReadinessCheck: "engine.<capability>": "<engine>: <state> (<detail>)"). */
import type { Health } from './api';

export interface EngineRow {
  capability: string;
  engine: string;
  state: string;
  detail: string;
}

export interface ModelRow {
  name: string;
  state: string;
}

export function parseHealth(health: Health): { engines: EngineRow[]; models: ModelRow[]; provider: string | null; notes: string[] } {
  const engines: EngineRow[] = [];
  const models: ModelRow[] = [];
  const notes: string[] = [];
  let provider: string | null = null;
  for (const check of health.checks ?? []) {
    if (check.status && check.status !== 'UP') notes.push(`${check.name}: ${check.status}`);
    for (const [key, raw] of Object.entries(check.data ?? {})) {
      const value = String(raw);
      if (key.startsWith('engine.')) {
        const m = /^(.*?): (.*?)(?: \((.*)\))?$/s.exec(value);
        engines.push(m ? { capability: key.slice(7), engine: m[1], state: m[2], detail: m[3] ?? '' } : { capability: key.slice(7), engine: value, state: '', detail: '' });
      } else if (key.startsWith('model.')) {
        models.push({ name: key.slice(6), state: value });
      } else if (key === 'onnx.provider') {
        provider = value;
      } else if (key === 'onnx.fallback') {
        notes.push(`ONNX fallback: ${value}`);
      }
    }
  }
  engines.sort((a, b) => a.capability.localeCompare(b.capability));
  models.sort((a, b) => a.name.localeCompare(b.name));
  return { engines, models, provider, notes };
}

/** A CSS class for a state word. */
export function stateClass(state: string): string {
  if (state === 'ready') return 'ok';
  if (state === 'fallback' || state === 'fetching' || state === 'needs export') return 'warn';
  if (state === 'disabled') return 'off';
  return 'bad';
}
