// The service refuses to serve as a role that could undo every grant: the tables' owner, a
// superuser, or a role with BYPASSRLS (and a role that does not exist), each named in the error.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { checkAppRole } from '../../server/db/database-roles.js';
import { harness } from '../support/harness.js';

const roleOf = (variable: string) => {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set: run the tests through mocha`);
  return decodeURIComponent(new URL(url).username);
};

async function asSuperuser(sql: string) {
  const client = new pg.Client(process.env.TEST_DATABASE_SUPERUSER_URL);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the app role check at start', () => {
  it('when the role is the app role, which holds only its grants, then it passes', async () => {
    await checkAppRole(harness().ownerSequelize, roleOf('TEST_DATABASE_URL'));
  });

  it("when the role is the tables' owner, then it is refused as owning the tables", async () => {
    const owner = roleOf('TEST_DATABASE_OWNER_URL');
    const refusal = await checkAppRole(harness().ownerSequelize, owner).catch((error: Error) => error);
    expect(String(refusal)).to.contain(`the app role ${owner} owns (or is a member of the owner of) the tables`);
  });

  it('when the role is a superuser, then it is refused as a superuser', async () => {
    const superuser = roleOf('TEST_DATABASE_SUPERUSER_URL');
    const refusal = await checkAppRole(harness().ownerSequelize, superuser).catch((error: Error) => error);
    expect(String(refusal)).to.contain(`the app role ${superuser} is a superuser`);
  });

  it('when the role may bypass row security, then it is refused for BYPASSRLS', async () => {
    const role = `bypass_${randomUUID().slice(0, 8)}`;
    await asSuperuser(`CREATE ROLE ${role} BYPASSRLS`);
    try {
      const refusal = await checkAppRole(harness().ownerSequelize, role).catch((error: Error) => error);
      expect(String(refusal)).to.contain(`the app role ${role} has BYPASSRLS:`);
    } finally {
      await asSuperuser(`DROP ROLE ${role}`);
    }
  });

  it('when the role does not exist, then it is refused by name', async () => {
    const refusal = await checkAppRole(harness().ownerSequelize, 'no_such_role_anywhere').catch((error: Error) => error);
    expect(String(refusal)).to.contain('the app role no_such_role_anywhere does not exist');
  });
});
