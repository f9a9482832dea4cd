/**
 * The preload exposes exactly one object, `window.ipt`: a function per contract channel.
 * It never exposes ipcRenderer itself. Bundled to CJS so it runs in the sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX } from '../../shared/contract.ts';
import { createContractClient } from '../../shared/contract-client.ts';

contextBridge.exposeInMainWorld(
  'ipt',
  createContractClient((channel, input) => ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input)),
);
