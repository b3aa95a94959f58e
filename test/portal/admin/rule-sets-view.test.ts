// The rule editor's form model without a server: a posted form applied to a draft (typed by the
// fact and operator it chose), adding and removing conditions, the service's JSON pointers at
// their fields, readable rules, and the differences of two versions.
import { expect } from 'chai';
import { diffRuleSets } from '../../../server/eligibility/eligibility.js';
import {
  applyAction,
  applyForm,
  diffView,
  editorOf,
  errorsAt,
  FACT_NAMES,
  fieldIdsOf,
  readableRules,
  type Draft,
} from '../../../server/portal/pages/admin/rule-sets-view.js';

const message = { en: 'Refused.', nl: 'Geweigerd.' };
const draft = (): Draft => ({
  rules: [
    {
      name: 'lives here',
      conditions: {
        any: [
          { fact: 'residenceRegion', operator: 'in', value: { param: 'regions' } },
          {
            all: [
              { fact: 'annualIncome', path: '$.amount', operator: 'decimalLessThan', value: '22000.00' },
              { fact: 'inFullTimeEducation', operator: 'equal', value: false },
              { fact: 'lastEntitlementStart', operator: 'equal', value: null },
            ],
          },
        ],
      },
      event: { type: 'requirement', params: { code: 'not_here', message } },
    },
    {
      name: 'young',
      conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 25 }] },
      event: { type: 'group', params: { group: 'young' } },
    },
  ],
  parameters: { regions: ['VLG', 'BRU'], minDays: 2555, open: true, label: 'x' },
  testCases: [],
  effectiveFrom: '2027-01-01',
  note: null,
});

describe('Rule editor form model', () => {
  it('when the editor is built, then each condition is a row with typed value fields, groups nest, and each rule has its reason fields', () => {
    const editor = editorOf(draft());
    const [first, second] = editor.rules;
    expect(first!.rows.map((row) => [row.kind, row.pointer, row.indent])).to.deep.equal([
      ['group', '/rules/0/conditions', 0],
      ['leaf', '/rules/0/conditions/any/0', 3],
      ['group', '/rules/0/conditions/any/1', 3],
      ['leaf', '/rules/0/conditions/any/1/all/0', 6],
      ['leaf', '/rules/0/conditions/any/1/all/1', 6],
      ['leaf', '/rules/0/conditions/any/1/all/2', 6],
    ]);
    const leaves = first!.rows.filter((row) => row.kind === 'leaf');
    expect(leaves[0]!.value).to.include({ kind: 'param', name: 'regions' });
    expect(leaves[1]).to.deep.include({ path: '$.amount', paths: ['$.amount', '$.currency', '$.year', '$.evidenceDate'] });
    expect(leaves[1]!.value).to.include({ kind: 'literal', type: 'decimal', text: '22000.00' });
    expect(leaves[2]!.value).to.include({ boolean: true, text: 'false' });
    expect(leaves[3]!.value).to.include({ text: '' });
    expect(first!.event.fields.map((field) => field.pointer)).to.deep.equal([
      '/rules/0/event/params/code',
      '/rules/0/event/params/message/en',
      '/rules/0/event/params/message/nl',
    ]);
    expect(second!.event.fields.map((field) => [field.pointer, field.text])).to.deep.equal([['/rules/1/event/params/group', 'young']]);
    // A fact recorded for reach statistics only is no choice.
    expect(FACT_NAMES).to.include('workExperienceDays').and.not.include('sex');
    expect(editor.parameters.map((parameter) => [parameter.name, parameter.text, parameter.list])).to.deep.equal([
      ['regions', 'VLG, BRU', true],
      ['minDays', '2555', false],
      ['open', 'true', false],
      ['label', 'x', false],
    ]);
  });

  it('when a form is applied, then each value is typed by its fact, operator or parameter, and fields the form does not have are ignored', () => {
    const applied = applyForm(draft(), {
      '/rules/0/conditions/any/1/all/0/path': '$.year',
      '/rules/0/conditions/any/1/all/0/operator': 'lessThan',
      '/rules/0/conditions/any/1/all/0/value': '2025',
      '/rules/0/conditions/any/1/all/1/value': 'true',
      '/rules/0/conditions/any/1/all/2/value': '',
      '/rules/0/conditions/any/0/value/param': 'label',
      '/rules/1/conditions/all/0/fact': 'residenceRegion',
      '/rules/1/conditions/all/0/operator': 'notIn',
      '/rules/1/conditions/all/0/value': 'WAL, , SCT',
      '/rules/0/event/params/message/nl': 'Niet hier.',
      '/rules/1/event/params/group': 'older',
      '/parameters/regions': 'VLG',
      '/parameters/minDays': 'seven years',
      '/parameters/open': 'false',
      '/parameters/label': ' y ',
      '/parameters/unknown': '1',
      '/rules/0/__proto__/polluted': 'yes',
      '/rules/7/conditions/all/0/fact': 'age',
      '/rules/0/event/params/extra': 'no',
      list: ['a', 'b'],
    });
    const rules = applied.rules as { conditions: { any?: unknown[]; all?: unknown[] }; event: { params: Record<string, unknown> } }[];
    expect(rules[0]!.conditions.any).to.deep.equal([
      { fact: 'residenceRegion', operator: 'in', value: { param: 'label' } },
      {
        all: [
          { fact: 'annualIncome', path: '$.year', operator: 'lessThan', value: 2025 },
          { fact: 'inFullTimeEducation', operator: 'equal', value: true },
          { fact: 'lastEntitlementStart', operator: 'equal', value: null },
        ],
      },
    ]);
    expect(rules[1]!.conditions.all).to.deep.equal([{ fact: 'residenceRegion', operator: 'notIn', value: ['WAL', 'SCT'] }]);
    expect(rules[0]!.event.params.message).to.deep.equal({ en: 'Refused.', nl: 'Niet hier.' });
    expect(rules[0]!.event.params).to.not.have.property('extra');
    expect(rules[1]!.event.params.group).to.equal('older');
    expect(applied.parameters).to.deep.equal({ regions: ['VLG'], minDays: 'seven years', open: false, label: 'y' });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    // The draft it was applied to is untouched.
    expect(draft().parameters.minDays).to.equal(2555);
    // A field left empty drops the path.
    const noPath = applyForm(draft(), { '/rules/0/conditions/any/1/all/0/path': '' });
    expect(
      (noPath.rules[0] as { conditions: { any: { all: Record<string, unknown>[] }[] } }).conditions.any[1]!.all[0],
    ).to.not.have.property('path');
  });

  it('when a condition is added or removed, then the group changes; anything else changes nothing', () => {
    const added = applyAction(draft(), 'add:/rules/0/conditions/any/1')!;
    const group = (added.rules[0] as { conditions: { any: { all: unknown[] }[] } }).conditions.any[1]!.all;
    expect(group).to.have.length(4);
    expect(group[3]).to.deep.equal({ fact: 'age', operator: 'greaterThanInclusive', value: '' });
    const removed = applyAction(draft(), 'remove:/rules/1/conditions/all/0')!;
    expect((removed.rules[1] as { conditions: { all: unknown[] } }).conditions.all).to.deep.equal([]);
    for (const action of [
      'add:/rules/0/conditions/any/0',
      'add:/rules/9/conditions',
      'remove:/rules/1/conditions/all/5',
      'remove:/rules/1/conditions',
      'rename:/rules/0',
      'add:',
      'remove:/__proto__/x',
    ])
      expect(applyAction(draft(), action), action).to.equal(undefined);
  });

  it('when the service names pointers, then each error lands on the field with the longest matching pointer, and the rest on the fallback', () => {
    const ids = fieldIdsOf(editorOf(draft()));
    const errors = errorsAt(
      [
        { path: '/rules/0/conditions/any/1/all/0/path', message: 'bad field' },
        { path: '/rules/0/conditions/any/1/all/0/value', message: 'bad value' },
        { path: '/rules/0/conditions/any/1/all/0/value', message: 'still bad' },
        { path: '/rules/0/conditions/any/0/value/param', message: 'no such parameter' },
        { path: '/rules/1/conditions/all/0', message: 'not a condition' },
        { path: '/rules/1/name', message: 'bad name' },
        { path: '/parameters/minDays', message: 'not used' },
        { path: '/effectiveFrom', message: 'past' },
        { path: '/testCases/0/name', message: 'too long' },
      ],
      ids,
      'json',
    );
    expect(errors.summary.map((item) => item.href)).to.deep.equal([
      '#f-rules-0-conditions-any-1-all-0-path',
      '#f-rules-0-conditions-any-1-all-0-value',
      '#f-rules-0-conditions-any-1-all-0-value',
      '#f-rules-0-conditions-any-0-value-param',
      '#f-rules-1-conditions-all-0-fact',
      '#f-rules-1',
      '#f-parameters-minDays',
      '#effectiveFrom-day',
      '#json',
    ]);
    expect(errors.fields['f-rules-0-conditions-any-1-all-0-value']!.text).to.equal(
      '/rules/0/conditions/any/1/all/0/value: bad value; /rules/0/conditions/any/1/all/0/value: still bad',
    );
  });

  it('when rules are shown as text, then groups nest and parameters show their values', () => {
    const [first, second] = readableRules(draft().rules, draft().parameters);
    expect(first!.reason).to.equal('not_here');
    expect(first!.lines.map((line) => [line.indent, line.text])).to.deep.equal([
      [0, 'any'],
      [3, 'residenceRegion in {regions} = ["VLG","BRU"]'],
      [3, 'all'],
      [6, 'annualIncome $.amount decimalLessThan "22000.00"'],
      [6, 'inFullTimeEducation equal false'],
      [6, 'lastEntitlementStart equal null'],
    ]);
    expect(second!.reason).to.equal('young');
    expect(readableRules(['not a rule'], {})).to.deep.equal([{ name: '', reason: '', lines: [] }]);
  });

  it('when two versions differ, then rules added and removed, conditions and events changed and parameters are named', () => {
    const older = draft();
    const newer = draft();
    const rules = newer.rules as { name: string; conditions: { any: unknown[] }; event: unknown }[];
    rules[0]!.conditions.any[0] = { fact: 'residenceRegion', operator: 'in', value: ['VLG'] };
    rules[0]!.conditions.any.push({ fact: 'age', operator: 'greaterThan', value: 16 });
    rules[0]!.event = { type: 'requirement', params: { code: 'elsewhere', message } };
    newer.rules[1] = { ...(newer.rules[1] as object), name: 'under 25' };
    newer.parameters = { regions: ['VLG', 'BRU'], minDays: 3000, open: true, added: 'y' };
    const diff = diffRuleSets(older, newer);
    expect(diff.rulesAdded).to.deep.equal(['under 25']);
    expect(diff.rulesRemoved).to.deep.equal(['young']);
    expect(diff.rulesChanged.map((rule) => [rule.name, rule.conditions.map((change) => change.at), rule.event?.at])).to.deep.equal([
      ['lives here', ['/any/0', '/any/2'], '/event'],
    ]);
    const shown = diffView(diff, older, newer);
    expect(shown.rulesChanged[0]!.conditions).to.deep.equal([
      { at: '/any/0', before: 'residenceRegion in {regions} = ["VLG","BRU"]', after: 'residenceRegion in ["VLG"]' },
      { at: '/any/2', before: undefined, after: 'age greaterThan 16' },
    ]);
    expect(shown.parameters).to.deep.equal([
      { at: '/parameters/added', before: undefined, after: '"y"' },
      { at: '/parameters/label', before: '"x"', after: undefined },
      { at: '/parameters/minDays', before: '2555', after: '3000' },
    ]);
    expect(diffRuleSets(older, draft())).to.deep.equal({ rulesAdded: [], rulesRemoved: [], rulesChanged: [], parameters: [] });
    // Malformed versions (only a draft can be one) are compared without failing.
    const odd = diffRuleSets(
      { rules: [{ name: 'a', conditions: 'x' }, { conditions: { all: [] } }, 'text'], parameters: {} },
      { rules: [{ name: 'a', conditions: { any: 'x' } }, { conditions: { all: [] } }], parameters: {} },
    );
    expect(odd).to.deep.equal({ rulesAdded: [], rulesRemoved: [], rulesChanged: [], parameters: [] });
  });
});
