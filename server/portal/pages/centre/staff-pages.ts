// A centre's staff (issue 17, journey 6): every staff login of the centre, and for the centre's own
// administrator (a login the service's administrators marked centre_admin) adding a login and
// disabling or enabling one, through the services of POST /v1/centres/:id/staff and its
// disable/enable routes, which record the staff member who acted in the audit log. Other staff
// read the list; the forms are the portal's 404 for them, and so is another centre's login.
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { addCentreStaff, centreStaff, setStaffDisabled } from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import { fieldProblem, parseForm, type FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import { definePage } from '../../page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DONE = ['added', 'disabled', 'enabled'] as const;

const centreOf = (user: Principal) => {
  if (!user.centreId) throw notFound('Staff member');
  return user.centreId;
};

async function staffOf(app: AppContext, user: Principal) {
  const staff = await centreStaff(app, centreOf(user));
  const self = staff.find((member) => member.id === user.userId);
  return { staff, manager: Boolean(self?.centreAdmin && self.disabledAt === null) };
}

/** The forms are the centre administrator's only. */
async function asManager(app: AppContext, user: Principal) {
  const found = await staffOf(app, user);
  if (!found.manager) throw notFound('Page');
  return found;
}

const staffForm = z.object({
  name: z.string().trim().min(1, { error: 'provider.staff.errors.name' }).max(200, { error: 'provider.staff.errors.name' }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'provider.staff.errors.email' }).max(254, { error: 'provider.staff.errors.email' })),
  password: z.string().min(12, { error: 'provider.staff.errors.password' }).max(200, { error: 'provider.staff.errors.password' }),
});

const typed = (body: unknown) => {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  // The password is never shown again.
  return { name: text('name'), email: text('email') };
};

const shownStaff = (staff: Awaited<ReturnType<typeof centreStaff>>, user: Principal, format: Formats) =>
  staff.map((member) => ({
    id: member.id,
    name: member.name,
    email: member.email,
    admin: member.centreAdmin,
    disabledOn: member.disabledAt ? format.date(member.disabledAt) : undefined,
    self: member.id === user.userId,
  }));

function toggle(disabled: boolean) {
  return definePage({
    method: 'post',
    path: `/centre/staff/:userId/${disabled ? 'disable' : 'enable'}`,
    access: ['centre'],
    handle: async ({ app, user, params, requestId, redirect }) => {
      await asManager(app, user);
      const userId = params.userId ?? '';
      if (!UUID.test(userId)) throw notFound('Staff member');
      // The administrator's own login has no button; a hand-made request for it is no page either.
      if (userId === user.userId) throw notFound('Staff member');
      await setStaffDisabled(app, user, { centreId: centreOf(user), userId, disabled, requestId });
      redirect(`/centre/staff?done=${disabled ? 'disabled' : 'enabled'}`);
    },
  });
}

export const centreStaffPages = [
  definePage({
    method: 'get',
    path: '/centre/staff',
    access: ['centre'],
    handle: async ({ app, user, query, format, render }) => {
      const { staff, manager } = await staffOf(app, user);
      const done = DONE.find((value) => value === query.done);
      render('pages/centre/staff/list.njk', { staff: shownStaff(staff, user, format), manager, done });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/staff/new',
    access: ['centre'],
    handle: async ({ app, user, render }) => {
      await asManager(app, user);
      render('pages/centre/staff/new.njk', { form: typed({}) });
    },
  }),
  definePage({
    method: 'post',
    path: '/centre/staff/new',
    access: ['centre'],
    handle: async ({ app, user, body, requestId, t, render, redirect }) => {
      await asManager(app, user);
      const again = (errors: FormErrors, status: number) => render('pages/centre/staff/new.njk', { form: typed(body), errors }, status);
      const form = parseForm(staffForm, body, t);
      if (!form.ok) return again(form.errors, 400);
      try {
        await addCentreStaff(app, user, { ...form.value, centreId: centreOf(user), requestId });
      } catch (error) {
        if (error instanceof AppError && error.code === 'email_taken')
          return again(fieldProblem('email', t('provider.staff.errors.taken')), 409);
        throw error;
      }
      redirect('/centre/staff?done=added');
    },
  }),
  toggle(true),
  toggle(false),
];
