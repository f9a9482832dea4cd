/**
 * The preload exposes exactly one object, `window.ipt`: a function per contract channel.
 * It never exposes ipcRenderer itself. Bundled to CJS so it runs in the sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, IPC_PREFIX, type AppEventName } from '../../shared/contract.ts';
import { createContractClient } from '../../shared/contract-client.ts';

contextBridge.exposeInMainWorld(
  'ipt',
  createContractClient(
    (channel, input) => ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input),
    (listener) => {
      const handler = (_event: unknown, name: AppEventName) => listener(name);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, handler);
      };
    },
  ),
);
