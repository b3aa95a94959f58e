// The portal's headers: helmet's defaults with a Content-Security-Policy that allows only our own
// files and the scripts carrying this response's nonce (govuk-frontend's template marks its one
// inline script with it). No inline handlers and no inline styles are needed, so none are allowed.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

const nonceOf = (res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`;

export function portalSecurityHeaders(production: boolean): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => nonceOf(res)],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: production,
  });
  return (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    // Pages may show personal data: never kept by a shared cache or the browser's back-forward store.
    res.setHeader('Cache-Control', 'no-store');
    headers(req, res, next);
  };
}
