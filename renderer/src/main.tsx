// Runs in the renderer: the entry. Mounts the app into #root.
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './app.css';
import { dialogKeys } from './dialog-keys.js';
import { selectOnFocus } from './select-on-focus.js';
import { tabMovesOn } from './tab-moves-on.js';

selectOnFocus();
dialogKeys();
tabMovesOn();
createRoot(document.getElementById('root')!).render(<App />);
