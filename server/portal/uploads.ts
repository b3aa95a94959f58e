// Forms with files: for the pages declared `multipart`, the form is read (server/http/multipart.ts,
// its limits held while streaming) before the CSRF check, which needs the form's `_csrf` field. Only
// a signed-in user's form is read at all; anyone else's is left unread and refused by the CSRF check.
import express, { type Request } from 'express';
import { isMultipart, readMultipart, type MultipartForm } from '../http/multipart.js';
import type { Page } from './page.js';

declare module 'express-serve-static-core' {
  interface Locals {
    upload?: MultipartForm;
  }
}

export function portalUploads(pages: readonly Page[]) {
  const router = express.Router();
  for (const page of pages) {
    const limits = page.multipart;
    if (page.method !== 'post' || !limits) continue;
    router.post(page.path, async (req: Request, res, next) => {
      if (!res.locals.principal || !isMultipart(req)) return next();
      const form = await readMultipart(req, limits);
      req.body = form.fields;
      res.locals.upload = form;
      next();
    });
  }
  return router;
}
