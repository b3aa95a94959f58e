// The rule editor's form model on drafts the editor itself would not make: each value type of a
// condition, groups of each kind, conditions that are no objects or name no known fact, and the
// differences where a condition was removed. Only a draft can be malformed (the raw JSON saves
// what the service's shape allows), and the editor must still show it and apply a form to it.
import { expect } from 'chai';
import { diffRuleSets } from '../../../server/eligibility/eligibility.js';
import {
  applyAction,
  applyForm,
  conditionText,
  diffView,
  editorOf,
  readableRules,
  type Draft,
} from '../../../server/portal/pages/admin/rule-sets-view.js';

const draftOf = (rules: unknown[], parameters: Record<string, unknown> = {}): Draft => ({
  rules,
  parameters,
  testCases: [],
  effectiveFrom: '2027-01-01',
  note: null,
});

type Conditions = { conditions: { all?: Record<string, unknown>[]; any?: Record<string, unknown>[] } };
const conditionsOf = (draft: Draft, index = 0) => (draft.rules[index] as Conditions).conditions;

describe('Rule editor form model, beyond the well-formed draft', () => {
  it('when a condition names a date, decimal, duration, list or unknown fact, then its value field has that type', () => {
    const editor = editorOf(
      draftOf([
        {
          name: 'types',
          conditions: {
            any: [
              { fact: 'birthDate', operator: 'dateBefore', value: '2000-01-01' },
              { fact: 'budgetRemaining', operator: 'decimalGreaterThan', value: '0.00' },
              { fact: 'evidenceAge', operator: 'durationLessThan', value: 'P1Y' },
              { fact: 'benefits', operator: 'contains', value: 'UNEMPLOYMENT' },
              { fact: 'residenceRegion', operator: 'in', value: ['VLG', 'BRU'] },
              { fact: 'inOtherFundedProgramme', operator: 'in', value: [true] },
              { fact: 'shoeSize', operator: 'equal', value: 44 },
              { fact: { not: 'a name' }, operator: 'equal', value: 1 },
            ],
          },
          event: { type: 'requirement', params: { code: 'types', message: { en: 'No.', nl: 'Nee.' } } },
        },
      ]),
    );
    const leaves = editor.rules[0]!.rows.filter((row) => row.kind === 'leaf');
    expect(leaves.map((row) => row.value.kind === 'literal' && [row.value.type, row.value.list, row.value.boolean])).to.deep.equal([
      ['date', false, false],
      ['decimal', false, false],
      ['duration', false, false],
      ['stringList', false, false],
      ['string', true, false],
      // A yes/no fact compared with a list is a list field, not a yes/no choice.
      ['boolean', true, false],
      // A fact the registry does not know: a text field, with no fields to choose from, showing what it holds.
      ['string', false, false],
      ['string', false, false],
    ]);
    expect(leaves[6]).to.deep.include({ fact: 'shoeSize', paths: undefined });
    expect(leaves[6]!.value).to.include({ text: '44' });
    expect(leaves[7]).to.include({ fact: '{"not":"a name"}' });
    expect(leaves[4]!.value).to.include({ text: 'VLG, BRU' });
  });

  it('when a rule, its event, its params or its conditions are malformed, then the editor shows empty fields and no rows for them', () => {
    const editor = editorOf(
      draftOf([
        'not a rule',
        { name: 'no event', event: 'x', conditions: 'not a group' },
        { name: 'no params', event: { type: 'requirement', params: 'x' }, conditions: { none: [] } },
        { name: 'no list', event: { type: 'group' }, conditions: { all: 'x' } },
        { name: 'odd child', conditions: { all: ['text', { fact: 'workExperienceDays', path: '$.years', operator: 'equal', value: 1 }] } },
      ]),
    );
    const [notRule, noEvent, noParams, noList, oddChild] = editor.rules;
    expect(notRule).to.deep.include({ name: '', rows: [] });
    expect(notRule!.event.fields.map((field) => [field.label, field.text])).to.deep.equal([
      ['code', ''],
      ['messageEn', ''],
      ['messageNl', ''],
    ]);
    expect(noEvent!.rows).to.deep.equal([]);
    expect(noEvent!.event.type).to.equal('');
    // A group with neither "all" nor "any" is no group.
    expect(noParams!.rows).to.deep.equal([]);
    expect(noParams!.event.fields.map((field) => field.text)).to.deep.equal(['', '', '']);
    // A group whose list is no list: the group, without rows under it.
    expect(noList!.rows.map((row) => row.kind)).to.deep.equal(['group']);
    expect(noList!.event.fields).to.deep.equal([
      { pointer: '/rules/3/event/params/group', id: 'f-rules-3-event-params-group', label: 'group', text: '' },
    ]);
    // A child that is no object is an empty condition; a path into a fact without fields has no type: text.
    const [text, pathed] = oddChild!.rows.filter((row) => row.kind === 'leaf');
    expect(text).to.deep.include({ fact: '', operator: '', path: undefined, paths: undefined });
    expect(pathed!.value).to.include({ kind: 'literal', type: 'string', text: '1' });
    expect(pathed).to.deep.include({ path: '$.years', paths: undefined });
  });

  it('when a form sets values of a list fact, an unknown fact and a parameter condition, then each is kept as its type asks', () => {
    const draft = draftOf(
      [
        {
          name: 'r',
          conditions: {
            all: [
              { fact: 'benefits', operator: 'contains', value: 'A' },
              { fact: 'benefits', operator: 'in', value: [] },
              { fact: 'shoeSize', operator: 'equal', value: '' },
              { fact: 'residenceRegion', operator: 'in', value: { param: 'regions' } },
              { fact: 'workRegion', operator: 'notEqual', value: 'VLG' },
              { fact: 'birthDate', operator: 'notEqual', value: '2000-01-01' },
              { fact: 'workRegion', operator: 'equal', value: 'VLG' },
            ],
          },
        },
      ],
      { regions: ['VLG'] },
    );
    const applied = applyForm(draft, {
      '/rules/0/conditions/all/0/value': 'UNEMPLOYMENT',
      '/rules/0/conditions/all/1/value': 'A, B',
      '/rules/0/conditions/all/2/value': '44',
      // The field a parameter's condition does not have: its parameter stays.
      '/rules/0/conditions/all/3/value': 'VLG',
      // Empty against a fact that may be null: null, by either operator; a fact that may not be null keeps the empty text.
      '/rules/0/conditions/all/4/value': '',
      '/rules/0/conditions/all/5/value': '',
      '/rules/0/conditions/all/6/operator': 'greaterThan',
      '/rules/0/conditions/all/6/value': '',
    });
    expect(conditionsOf(applied).all!.map((leaf) => leaf.value)).to.deep.equal([
      'UNEMPLOYMENT',
      ['A', 'B'],
      '44',
      { param: 'regions' },
      null,
      '',
      '',
    ]);
  });

  it('when a field names a condition whose parent is no object or list, then the form ignores it', () => {
    const draft = draftOf([{ name: 'r', conditions: { all: ['text'] } }]);
    const applied = applyForm(draft, { '/rules/0/conditions/all/0/fact': 'age', '/rules/0/conditions/all/0/value': '3' });
    expect(applied).to.deep.equal(draft);
  });

  it('when a condition is added to an "any" group, then it joins that group; a field that is no group gets nothing', () => {
    const draft = draftOf([{ name: 'r', conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 25 }] } }]);
    const added = applyAction(draft, 'add:/rules/0/conditions')!;
    expect(conditionsOf(added).any).to.have.length(2);
    expect(conditionsOf(added).any![1]).to.deep.equal({ fact: 'age', operator: 'greaterThanInclusive', value: '' });
    expect(applyAction(draft, 'add:/rules/0/name')).to.equal(undefined);
    // Below a text there is nothing to add to or remove.
    expect(applyAction(draft, 'remove:/rules/0/name/0')).to.equal(undefined);
  });

  it('when the last condition of a group is removed, then the group stays, empty, and the editor shows it without rows', () => {
    const draft = draftOf([{ name: 'r', conditions: { all: [{ all: [{ fact: 'age', operator: 'lessThan', value: 25 }] }] } }]);
    const removed = applyAction(draft, 'remove:/rules/0/conditions/all/0/all/0')!;
    expect(conditionsOf(removed)).to.deep.equal({ all: [{ all: [] }] });
    expect(editorOf(removed).rules[0]!.rows.map((row) => [row.kind, row.pointer])).to.deep.equal([
      ['group', '/rules/0/conditions'],
      ['group', '/rules/0/conditions/all/0'],
    ]);
  });

  it('when rules are read as text, then a condition that is no object shows as JSON and a parameter not defined shows no value', () => {
    const [rule] = readableRules(
      [{ name: 'r', conditions: { all: ['text', 7, { fact: 'age', operator: 'lessThan', value: { param: 'maxAge' } }] } }],
      {},
    );
    expect(rule!.lines.map((line) => line.text)).to.deep.equal(['all', '"text"', '7', 'age lessThan {maxAge}']);
    expect(conditionText(undefined, {})).to.equal('');
  });

  it('when a condition was removed in the newer version, then the difference shows it before and nothing after', () => {
    const rule = (conditions: unknown[]) => ({
      name: 'r',
      conditions: { all: conditions },
      event: { type: 'group', params: { group: 'g' } },
    });
    const older = {
      rules: [
        rule([
          { fact: 'age', operator: 'lessThan', value: 25 },
          { fact: 'age', operator: 'greaterThan', value: 16 },
        ]),
      ],
      parameters: {},
    };
    const newer = { rules: [rule([{ fact: 'age', operator: 'lessThan', value: 25 }])], parameters: {} };
    const shown = diffView(diffRuleSets(older, newer), older, newer);
    expect(shown.rulesChanged).to.deep.equal([
      { name: 'r', conditions: [{ at: '/all/1', before: 'age greaterThan 16', after: undefined }], event: undefined },
    ]);
  });
});
