// First: configures zod before any schema is built (see zod-setup.ts).
import './zod-setup.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hostApi, describeError } from './api.js';
import { connectStore } from './store/connect.js';
import { appStore } from './store/store.js';
import { App } from './views/App.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

try {
  void connectStore(hostApi(), appStore);
} catch (error) {
  appStore.getState().setConnectionFailed(describeError(error).message);
}
