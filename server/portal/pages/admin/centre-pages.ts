// Administrators run centres and providers (issue 18, item 3): every registered centre by name,
// registering one (the service of POST /v1/centres), and a centre's page with its staff (adding
// a login, disabling or enabling one, making one the centre's administrator: the services of the
// /v1/centres/:id/staff routes), its accreditations with their history, and the bank account its
// statements are paid into (changed on bank-account-pages.ts), and its contact details (the service
// of PATCH /v1/centres/:id; citizens see them on their cheque). Auditors read the
// same pages without a form that changes anything. Every change is audited by the services.
import { z } from 'zod';
import { STAFF_READERS } from '../../../auth/principal.js';
import {
  accreditationHistory,
  addCentreStaff,
  centreStaff,
  changeCentreContact,
  describeCentre,
  payeeAccounts,
  registerCentre,
  registeredCentres,
  setCentreAdmin,
  setStaffDisabled,
} from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import { parseEnterpriseNumber } from '../../../validation/enterprise-number.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { paginationOf } from '../../pagination.js';
import { contactFormOf, contactRows, readContactForm } from '../contact-form.js';
import { canChange, fieldsOf, idOf, pageNumber, textField } from './admin-forms.js';
import { ibanGrouped } from './bank-account-pages.js';
import { accreditationRows, staffRows } from './centre-view.js';

const PAGE_SIZE = 20;
const DONE = [
  'registered',
  'staffAdded',
  'disabled',
  'enabled',
  'madeAdmin',
  'unmadeAdmin',
  'granted',
  'suspended',
  'revoked',
  'restored',
  'bankAccount',
  'contact',
];

const email = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: key }).max(254, { error: key }));

const centreForm = z.object({
  name: textField('adminCentres.errors.name', { max: 200, oneLine: true }),
  enterpriseNumber: z.string({ error: 'adminCentres.errors.enterpriseNumber' }).transform((value, context) => {
    const parsed = parseEnterpriseNumber(value);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: 'custom', message: 'adminCentres.errors.enterpriseNumber' });
    return z.NEVER;
  }),
  email: email('adminCentres.errors.email'),
});

const staffForm = z.object({
  name: textField('adminCentres.errors.name', { max: 200, oneLine: true }),
  email: email('adminCentres.errors.email'),
  password: z
    .string({ error: 'adminCentres.errors.password' })
    .min(12, { error: 'adminCentres.errors.password' })
    .max(200, { error: 'adminCentres.errors.password' }),
});

const centreAdminForm = z.object({ centreAdmin: z.enum(['true', 'false']) });

const doneOf = (value: unknown) => DONE.find((done) => done === value);

const contactPage = (centre: { id: string; name: string }) => ({
  centre,
  action: `/admin/centres/${centre.id}/contact`,
  back: `/admin/centres/${centre.id}#contact`,
});

function toggle(disabled: boolean) {
  return definePage({
    method: 'post',
    path: `/admin/centres/:id/staff/:userId/${disabled ? 'disable' : 'enable'}`,
    access: ['admin'],
    handle: async ({ app, user, params, requestId, redirect }) => {
      const centreId = idOf(params.id);
      await setStaffDisabled(app, user, { centreId, userId: idOf(params.userId), disabled, requestId });
      redirect(`/admin/centres/${centreId}?done=${disabled ? 'disabled' : 'enabled'}#staff`);
    },
  });
}

export const adminCentrePages = [
  definePage({
    method: 'get',
    path: '/admin/centres',
    access: STAFF_READERS,
    handle: async ({ app, user, query, render }) => {
      const page = pageNumber(query.page);
      const search = typeof query.search === 'string' ? query.search.trim().slice(0, 100) : '';
      const found = await registeredCentres(app, { search, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
      if (page > pages) throw notFound('Page');
      const searchPart = search ? `&search=${encodeURIComponent(search)}` : '';
      render('pages/admin/centres/list.njk', {
        centres: found.items,
        total: found.total,
        search,
        pagination: paginationOf(page, pages, (number) => `/admin/centres?page=${number}${searchPart}`),
        canChange: canChange(user),
        done: doneOf(query.done),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/centres/new',
    access: ['admin'],
    handle: ({ render }) => render('pages/admin/centres/new.njk', { form: fieldsOf({}, ['name', 'enterpriseNumber', 'email']) }),
  }),
  definePage({
    method: 'post',
    path: '/admin/centres/new',
    access: ['admin'],
    handle: async ({ app, user, body, requestId, t, render, redirect }) => {
      const again = (errors: FormErrors, status: number) =>
        render('pages/admin/centres/new.njk', { form: fieldsOf(body, ['name', 'enterpriseNumber', 'email']), errors }, status);
      const form = parseForm(centreForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      try {
        const centre = await registerCentre(app, user, { ...form.value, requestId });
        redirect(`/admin/centres/${centre.id}?done=registered`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'centre_exists')
          return again(fieldProblem('enterpriseNumber', t('adminCentres.errors.exists')), 409);
        throw error;
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/centres/:id',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, format, t, render }) => {
      const centre = await describeCentre(app, idOf(params.id));
      const [staff, history, accounts] = await Promise.all([
        centreStaff(app, centre.id),
        accreditationHistory(
          app,
          centre.accreditations.map((accreditation) => accreditation.id),
        ),
        payeeAccounts(app.sequelize, [centre.id]),
      ]);
      const account = accounts.get(centre.id);
      render('pages/admin/centres/centre.njk', {
        centre: { ...centre, registeredOn: format.date(centre.createdAt) },
        contact: contactRows(centre, t),
        bankAccount: account && {
          iban: ibanGrouped(account.iban),
          bic: account.bic,
          changedOn: format.date(account.updatedAt),
          setByYou: account.updatedBy === user.userId,
        },
        staff: staffRows(staff, format),
        accreditations: accreditationRows(centre.accreditations, history, format, t),
        canChange: canChange(user),
        done: doneOf(query.done),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/centres/:id/staff/new',
    access: ['admin'],
    handle: async ({ app, params, render }) => {
      const centre = await describeCentre(app, idOf(params.id));
      render('pages/admin/centres/staff-new.njk', { centre, form: fieldsOf({}, ['name', 'email']) });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/centres/:id/staff/new',
    access: ['admin'],
    handle: async ({ app, user, params, body, requestId, t, render, redirect }) => {
      const centre = await describeCentre(app, idOf(params.id));
      // The password is never shown again.
      const again = (errors: FormErrors, status: number) =>
        render('pages/admin/centres/staff-new.njk', { centre, form: fieldsOf(body, ['name', 'email']), errors }, status);
      const form = parseForm(staffForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      try {
        await addCentreStaff(app, user, { ...form.value, centreId: centre.id, requestId });
      } catch (error) {
        if (error instanceof AppError && error.code === 'email_taken')
          return again(fieldProblem('email', t('adminCentres.errors.emailTaken')), 409);
        throw error;
      }
      redirect(`/admin/centres/${centre.id}?done=staffAdded#staff`);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/centres/:id/contact',
    access: ['admin'],
    handle: async ({ app, params, render }) => {
      const centre = await describeCentre(app, idOf(params.id));
      render('pages/centre-contact/form.njk', { ...contactPage(centre), form: contactFormOf(centre) });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/centres/:id/contact',
    access: ['admin'],
    handle: async ({ app, user, params, body, requestId, t, render, redirect }) => {
      const centre = await describeCentre(app, idOf(params.id));
      const read = readContactForm(body, t);
      if (!read.ok) return render('pages/centre-contact/form.njk', { ...contactPage(centre), form: read.form, errors: read.errors }, 400);
      await changeCentreContact(app, user, { centreId: centre.id, contact: read.contact, requestId });
      redirect(`/admin/centres/${centre.id}?done=contact#contact`);
    },
  }),
  toggle(true),
  toggle(false),
  definePage({
    method: 'post',
    path: '/admin/centres/:id/staff/:userId/centre-admin',
    access: ['admin'],
    handle: async ({ app, user, params, body, requestId, t, redirect }) => {
      const centreId = idOf(params.id);
      const form = parseForm(centreAdminForm, body, t);
      // Only the page's own buttons post here, with one of the two values.
      if (!form.ok) throw notFound('Page');
      const centreAdmin = form.value.centreAdmin === 'true';
      await setCentreAdmin(app, user, { centreId, userId: idOf(params.userId), centreAdmin, requestId });
      redirect(`/admin/centres/${centreId}?done=${centreAdmin ? 'madeAdmin' : 'unmadeAdmin'}#staff`);
    },
  }),
];
