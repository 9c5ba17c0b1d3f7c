// Loaded with `node --require` before Electronegativity: its update checks (translations, Electron
// release list) fetch from the internet with `got`, and with no network a late retry timer crashes
// the process after the report is written. Custos checks run offline, so `got` fails at once.
const Module = require('node:module');

const load = Module._load;
Module._load = function loadOffline(request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: Custos runs its security checks without network'));
    offline.head = offline;
    return { __esModule: true, default: offline };
  }
  return load.call(this, request, ...rest);
};
