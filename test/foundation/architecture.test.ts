// The shape of server/ (docs/architecture.md): each business component is reached from outside
// only through its public module, server/<component>/<component>.ts, and the components do not
// depend on each other in a circle. Read from the import statements of every server file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

const SERVER = resolve('server');
const BUSINESS = [
  'programmes',
  'citizens',
  'centres',
  'eligibility',
  'ledger',
  'entitlements',
  'vouchers',
  'applications',
  'accounts',
  'credit-lots',
  'settlement',
  'approvals',
  'notifications',
  'claims',
  'contests',
  'signals',
];
/** Where the components are wired together: every endpoint's routes, and every registry's model. */
const WIRING = [
  { file: 'routes.ts', imports: '-routes.ts' },
  { file: 'db/models.ts', imports: '-model.ts' },
];

type Import = { from: string; to: string };

function serverFiles(dir = SERVER): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SERVER, path).split(sep).join('/')] : [];
  });
}

/** Every import of a server file that resolves inside server/ (static, dynamic and `export from`). */
function serverImports(): Import[] {
  return serverFiles().flatMap((from) => {
    const source = readFileSync(join(SERVER, from), 'utf8');
    return ts
      .preProcessFile(source, true, true)
      .importedFiles.map((file) => file.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) =>
        relative(SERVER, resolve(SERVER, dirname(from), name))
          .split(sep)
          .join('/')
          .replace(/\.js$/, '.ts'),
      )
      .filter((to) => !to.startsWith('..'))
      .map((to) => ({ from, to }));
  });
}

/** The component a file belongs to: its folder under server/, or the file itself at the top. */
const componentOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

const isPublicModule = (file: string) => file === `${componentOf(file)}/${componentOf(file)}.ts`;

function trespasses(imports: Import[]): string[] {
  return imports
    .filter(({ from, to }) => BUSINESS.includes(componentOf(to)) && componentOf(from) !== componentOf(to) && !isPublicModule(to))
    .filter(({ from, to }) => !WIRING.some((wiring) => from === wiring.file && to.endsWith(wiring.imports)))
    .map(({ from, to }) => `${from} imports ${to}`);
}

/** Each cycle of the graph between business components, as the path around it (found once, from its first node). */
function cycles(imports: Import[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    const [a, b] = [componentOf(from), componentOf(to)];
    if (a !== b && BUSINESS.includes(a) && BUSINESS.includes(b)) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  const found = new Set<string>();
  const nodes = [...edges.keys()].sort();
  const walk = (start: string, path: string[]) => {
    for (const next of [...(edges.get(path[path.length - 1]!) ?? [])].sort()) {
      if (next === start) found.add([...path, start].join(' -> '));
      else if (!path.includes(next) && nodes.indexOf(next) > nodes.indexOf(start)) walk(start, [...path, next]);
    }
  };
  for (const start of nodes) walk(start, [start]);
  return [...found];
}

describe('the architecture of server/', () => {
  const imports = serverImports();

  it('when a file uses another business component, then it imports only that component’s public module', () => {
    expect(trespasses(imports)).to.deep.equal([]);
  });

  it('when the imports are drawn between components, then they hold no cycle', () => {
    expect(cycles(imports)).to.deep.equal([]);
  });

  it('when a file trespasses or components depend in a circle, then the checks name them', () => {
    const sample: Import[] = [
      { from: 'vouchers/voucher-order.ts', to: 'centres/centre-store.ts' },
      { from: 'vouchers/voucher-order.ts', to: 'centres/centres.ts' },
      { from: 'routes.ts', to: 'centres/centre-routes.ts' },
      { from: 'db/models.ts', to: 'centres/centre-model.ts' },
      { from: 'centres/centre-service.ts', to: 'vouchers/vouchers.ts' },
    ];
    expect(trespasses(sample)).to.deep.equal(['vouchers/voucher-order.ts imports centres/centre-store.ts']);
    expect(cycles(sample)).to.deep.equal(['centres -> vouchers -> centres']);
  });
});
