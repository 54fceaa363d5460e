// Runs in the renderer: the entry. Mounts the app into #root.
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './app.css';

createRoot(document.getElementById('root')!).render(<App />);
