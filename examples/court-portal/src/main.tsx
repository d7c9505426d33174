import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { hostConfig } from '../../shared/host.js';

const container = document.getElementById('app');
if (!container) throw new Error('index.html has no #app');
const config = await hostConfig();
createRoot(container).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
