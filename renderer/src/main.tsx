import '@blueprintjs/core/lib/css/blueprint.css';
import './app.css';
import { Classes } from '@blueprintjs/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { getHost, hostKind } from './host/get-host';
import { createAppStore, StoreContext } from './store/app-store';

document.body.classList.add(Classes.DARK);
const store = createAppStore({ host: getHost(), kind: hostKind() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
