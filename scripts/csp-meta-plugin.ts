import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../src/main/bridge/security-headers.js';

/** Writes the one CSP into index.html as a <meta> tag, so every host serves the same policy. */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'tetherscope-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace('<!-- csp -->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
    },
  };
}
