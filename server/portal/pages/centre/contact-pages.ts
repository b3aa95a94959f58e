// A centre's contact details in its own portal (issue 16, journey 3: citizens find them with the
// centres on their cheque). Every staff member reads them; the centre's own administrator changes
// them through the service of PATCH /v1/centres/:id, which records them in the audit log as the
// actor. For other staff the form is the portal's 404.
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { changeCentreContact, describeCentre, isCentreAdministrator } from '../../../centres/centres.js';
import { notFound } from '../../../errors.js';
import { definePage } from '../../page.js';
import { contactFormOf, contactRows, readContactForm } from '../contact-form.js';
import { centreOf } from './centre-view.js';

const FORM = {
  action: '/centre/contact/change',
  back: '/centre/contact',
};

/** The centre of the signed-in staff member, and whether they are its administrator. */
async function ownCentre(app: AppContext, user: Principal) {
  const centre = await describeCentre(app, centreOf(user));
  return { centre, manager: await isCentreAdministrator(app, user) };
}

/** The form is the centre administrator's only. */
async function asManager(app: AppContext, user: Principal) {
  const found = await ownCentre(app, user);
  if (!found.manager) throw notFound('Page');
  return found.centre;
}

export const centreContactPages = [
  definePage({
    method: 'get',
    path: '/centre/contact',
    access: ['centre'],
    handle: async ({ app, user, query, t, render }) => {
      const { centre, manager } = await ownCentre(app, user);
      render('pages/centre/contact.njk', {
        centre,
        rows: [{ key: { text: t('centreContact.email') }, value: { text: centre.email } }, ...contactRows(centre, t)],
        manager,
        done: query.done === 'saved',
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/contact/change',
    access: ['centre'],
    handle: async ({ app, user, render }) => {
      const centre = await asManager(app, user);
      render('pages/centre-contact/form.njk', { ...FORM, centre, form: contactFormOf(centre) });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/contact/change',
    access: ['centre'],
    handle: async ({ app, user, body, requestId, t, render, redirect }) => {
      const centre = await asManager(app, user);
      const read = readContactForm(body, t);
      if (!read.ok) return render('pages/centre-contact/form.njk', { ...FORM, centre, form: read.form, errors: read.errors }, 400);
      await changeCentreContact(app, user, { centreId: centre.id, contact: read.contact, requestId });
      redirect('/centre/contact?done=saved');
    },
  }),
];
