// The Electron preload: a sandboxed, bundled CommonJS script that may require nothing but
// 'electron'. It exposes window.tetherscope as named functions over fixed channels.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENTS_CHANNEL, ipcCallChannel, type ApiEventEnvelope, type ApiReply } from '../../shared/api.js';
import { createApiClient } from '../common/api-client.js';

const api = createApiClient({
  call: (name, input) => ipcRenderer.invoke(ipcCallChannel(name), input) as Promise<ApiReply<unknown>>,
  onEvents: (listener) => {
    // The IpcRendererEvent is dropped here: it would leak `sender` into the page.
    ipcRenderer.on(IPC_EVENTS_CHANNEL, (_event, batch: unknown) => {
      if (Array.isArray(batch)) listener(batch as ApiEventEnvelope[]);
    });
  },
});

contextBridge.exposeInMainWorld('tetherscope', api);
