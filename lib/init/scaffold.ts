/**
 * The files `datatask init` writes: a team's tasks repository, as `cdk8s
 * init` writes an app. Plain data (path → text), so that the command only
 * checks and writes, and a test can read every file.
 */
export interface ScaffoldInput {
  /** The repository's folder name: the package name. */
  readonly name: string;
  /** This package's own version: the scaffold depends on it. */
  readonly version: string;
  /** The versions this package builds with, so that the team's install matches. */
  readonly dependencies: Readonly<Record<'cdk8s' | 'constructs' | 'ts-node' | 'typescript' | '@types/node', string>>;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const COMMANDS = ['synth', 'check', 'review', 'routes', 'images'] as const;

/** Every file of the scaffold, by path below the repository folder, sorted. */
export function scaffoldFiles(input: ScaffoldInput): ReadonlyMap<string, string> {
  const files = new Map<string, string>([
    ['.github/workflows/datatask.yml', WORKFLOW],
    ['.gitignore', 'node_modules/\n# cdk8s synth\'s scratch copy (cdk8s.yaml); dist/ is the output\nbuild/cdk8s.out/\n# an interrupted run\'s bookkeeping (dist/.datatask-output is committed)\n.datatask-lock\n.datatask-staging/\n.datatask-journal\n'],
    [
      '.vscode/settings.json',
      json({
        'json.schemas': [
          { fileMatch: ['tasks/**/manifest.json'], url: './node_modules/datatask-cdk8s/manifest.schema.json' },
          // The environment overlays (manifest.<environment>.json) beside it.
          { fileMatch: ['tasks/**/manifest.*.json'], url: './node_modules/datatask-cdk8s/manifest.overlay.schema.json' },
          { fileMatch: ['datatask.settings.json'], url: './node_modules/datatask-cdk8s/settings.schema.json' },
        ],
      }),
    ],
    ['cdk8s.yaml', CDK8S_YAML],
    ['datatask.settings.json', json({ $schema: './node_modules/datatask-cdk8s/settings.schema.json', namespace: 'default' })],
    ['main.ts', MAIN_TS],
    [
      'package.json',
      json({
        name: input.name,
        private: true,
        // tsc first: a mistake in a hook is a compiler message (file, line, column), not ts-node's stack trace; ts-node then only transpiles (tsconfig.json).
        scripts: { ...Object.fromEntries(COMMANDS.map((c) => [c, `tsc --noEmit && ts-node main.ts ${c}`])), test: 'tsc --noEmit && ts-node main.ts check' },
        dependencies: { cdk8s: input.dependencies.cdk8s, constructs: input.dependencies.constructs, 'datatask-cdk8s': `^${input.version}` },
        devDependencies: { '@types/node': input.dependencies['@types/node'], 'ts-node': input.dependencies['ts-node'], typescript: input.dependencies.typescript },
      }),
    ],
    [
      'tasks/example/manifest.json',
      json({
        $schema: '../../node_modules/datatask-cdk8s/manifest.schema.json',
        type: 'job',
        name: 'example',
        labels: 'app:example',
        'image-source': 'busybox:1.36',
        cmd: ['echo', 'hello from datatask-cdk8s'],
      }),
    ],
    [
      'tsconfig.json',
      json({
        compilerOptions: { target: 'ES2022', module: 'commonjs', rootDir: '.', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
        include: ['main.ts', 'hooks/**/*.ts'],
        'ts-node': { transpileOnly: true },
      }),
    ],
  ]);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const MAIN_TS = `/**
 * The team's cdk8s app: \`npm run synth\` (and check, review, routes, images)
 * and \`cdk8s synth\` type-check it with tsc, then run it with ts-node
 * (\`npx ts-node main.ts\` runs it without the type check). List platform
 * hooks in \`customize\`: each runs on every task's chart before it is
 * rendered (datatask-cdk8s README, "Extending"). Import them here, at the
 * top: the render cache's key covers the files main.ts has loaded, so that
 * editing a hook, or a helper it imports, renders every task again.
 */
import { runApp, type Customize } from 'datatask-cdk8s';

export const customize: readonly Customize[] = [];

if (require.main === module) process.exitCode = runApp(process.argv.slice(2), { customize, main: __filename });
`;

const CDK8S_YAML = `# \`cdk8s synth\` runs \`npm run synth\` (type-check, then main.ts): it validates
# every manifest first and writes dist/ itself. The CLI empties its own output
# folder before each run, which is why that folder is not dist/.
language: typescript
app: npm run --silent synth
output: build/cdk8s.out
`;

const WORKFLOW = `# Checks that dist/ is what the tasks render, and posts what a pull request
# will do to the cluster as a comment (datatask review --format markdown).
name: datatask
on:
  pull_request:
permissions:
  contents: read
  pull-requests: write
jobs:
  check-and-review:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm run --silent check
      # Posted even when check failed: it says what the change will do. --silent keeps npm's
      # banner out of the comment; exit 4 (a change the API server would refuse) fails the job after it.
      - name: review, posted as a comment
        if: success() || failure()
        run: |
          status=0
          npm run --silent review -- --base "origin/$GITHUB_BASE_REF" --format markdown > review.md || status=$?
          if [ -s review.md ]; then gh pr comment "$PR" --body-file review.md; fi
          exit "$status"
        env:
          GH_TOKEN: \${{ github.token }}
          PR: \${{ github.event.pull_request.number }}
`;
