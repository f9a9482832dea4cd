/**
 * The browser host's stand-in for the preload: defines `window.ipt` with the same contract
 * client, over HTTP to the host on 127.0.0.1. The token arrives in the URL fragment (never sent to
 * a server) and is kept for this tab only.
 */
import { createContractClient } from '../shared/contract-client.ts';

const TOKEN_KEY = 'ipt-host-token';
const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromFragment) {
  sessionStorage.setItem(TOKEN_KEY, fromFragment);
  history.replaceState(null, '', location.pathname + location.search);
}
const token = sessionStorage.getItem(TOKEN_KEY) ?? '';

Object.defineProperty(window, 'ipt', {
  value: Object.freeze(
    createContractClient(async (channel, input) => {
      const response = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
      if (response.status === 401) {
        return { ok: false, error: { code: 'INTERNAL', message: 'The host refused this tab: open the link the host printed.' } };
      }
      return response.json();
    }),
  ),
  writable: false,
  configurable: false,
});
