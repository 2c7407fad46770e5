// Renderer entry point: picks the system's language until the settings say otherwise, and mounts the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickLanguage, setLanguage } from './i18n';
import './styles/tokens.css';
import './styles/app.css';
import './styles/views.css';
import './styles/calendar.css';
import './styles/composer.css';

setLanguage(pickLanguage('system', navigator.languages));

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
