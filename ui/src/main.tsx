import { render } from 'preact';
import 'katex/dist/katex.min.css';
import './styles.css';
import { App } from './app';
import { applyTheme } from './lib/store';

applyTheme();
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => applyTheme());
render(<App />, document.getElementById('app')!);
