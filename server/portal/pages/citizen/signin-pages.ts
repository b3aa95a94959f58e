// The citizen's sign-in history (issue 16, journey 8): every sign-in, newest first, with its time,
// method and address, so one that was not theirs stands out; and "sign out of every other session",
// which moves the user's token version on (endOtherSessions: every API token and every other portal
// session ends) while this session takes the new version and stays signed in. An administrator
// acting for the citizen at the counter reads the history but never ends the citizen's sessions:
// the citizen's account security stays the citizen's own.
import { endOtherSessions } from '../../../auth/account-service.js';
import { listSignIns } from '../../../auth/sign-in-history.js';
import { AppError, notFound } from '../../../errors.js';
import { definePage } from '../../page.js';

const PAGE_SIZE = 20;
const HISTORY = '/citizen/sign-ins';

/** A time as the page shows it: the date in the reader's language, and the time of day in UTC. */
const timeOf = (at: string) => `${at.slice(11, 16)} UTC`;

export const signInHistoryPages = [
  definePage({
    method: 'get',
    path: HISTORY,
    access: ['citizen'],
    handle: async ({ app, user, query, format, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const page = await listSignIns(app.sequelize, user.userId, { limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      render('pages/citizen/signins/history.njk', {
        signIns: page.items.map((signIn) => ({ ...signIn, date: format.date(signIn.at), time: timeOf(signIn.at) })),
        nextCursor: page.nextCursor,
        firstPage: cursor === undefined,
        ended: query.ended === '1',
        mayEndOthers: !user.assistedBy,
      });
    },
  }),
  definePage({
    method: 'post',
    path: `${HISTORY}/end-others`,
    access: ['citizen'],
    handle: async ({ app, user, requestId, req, redirect }) => {
      if (user.assistedBy) throw notFound('Page');
      req.session.tokenVersion = await endOtherSessions(app, user, { requestId });
      redirect(`${HISTORY}?ended=1`);
    },
  }),
];
