// GET /docs: the API reference, rendered in the browser from /openapi.json by Scalar's standalone
// bundle, served from its npm package (no CDN). Its Content-Security-Policy is its own, not the
// portal's (security-headers.ts): scripts only from this service or carrying this answer's nonce.
// Styles differ from the portal's: Scalar's Vue components render <style> elements (theme colours,
// toasts) with no nonce and with contents that follow the theme, so neither a nonce nor hashes can
// allow them, and a refused theme leaves the page in plainer colours. This page alone allows inline
// styles ('unsafe-inline', without a nonce beside it, since a nonce would make browsers ignore it).
// The trade-off: a style cannot run code, and what a hostile style could leak through a url() may
// only go to this service (img-src, font-src and connect-src 'self'); scripts stay nonce-only.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';

export const API_REFERENCE_PATH = '/docs';
export const API_REFERENCE_SCRIPT_PATH = '/docs/scalar.js';

const scalarBundle = fileURLToPath(new URL('browser/standalone.js', import.meta.resolve('@scalar/api-reference')));

const policy = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "script-src-attr 'none'",
    // Scalar's own <style> elements and style attributes (see above): styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

// Default fonts would come from Scalar's CDN: the system's fonts are used instead. Its telemetry and
// its hosted AI and MCP helpers are off: the page talks to this service only (connect-src 'self').
const page = (nonce: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta property="csp-nonce" content="${nonce}">
    <title>Learning Accounts API reference</title>
  </head>
  <body>
    <div id="api-reference"></div>
    <script src="${API_REFERENCE_SCRIPT_PATH}" nonce="${nonce}"></script>
    <script nonce="${nonce}">Scalar.createApiReference('#api-reference', { url: '/openapi.json', withDefaultFonts: false, telemetry: false, agent: { disabled: true }, mcp: { disabled: true } });</script>
  </body>
</html>
`;

export const apiReferencePage: RequestHandler = (_req, res) => {
  const nonce = randomBytes(16).toString('base64');
  res.setHeader('Content-Security-Policy', policy(nonce));
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page(nonce));
};

// Without a callback, express hands a failure to read the file to the error handler.
export const apiReferenceScript: RequestHandler = (_req, res) => {
  res.sendFile(scalarBundle, { maxAge: '1h', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
};
