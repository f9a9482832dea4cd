// Loaded with `node -r` before Electronegativity: it fetches translations over the network and
// crashes inside `got` when that fails. Here every request fails at once, offline, with no retry.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: IPT Workstation scans without the network'));
    return Object.assign(offline, { get: offline, extend: () => offline, default: offline });
  }
  return load.call(this, request, parent, isMain);
};
