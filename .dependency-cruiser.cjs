// The layering rules of the house (STYLE.md, "Who may import whom"), checked by `npm run deps`.
// Type-only imports count as much as any other (tsPreCompilationDeps), and so do dynamic ones.
// One rule of that list is not about imports: only src/config.ts and src/cli/env.ts read process.env,
// which test/docs/layering.test.ts checks.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-knows-no-io',
      comment:
        'STYLE.md: keys/ (and the domain types it uses) imports nothing from store/, verify/, http/ or cli/: ' +
        'the core knows no I/O.',
      severity: 'error',
      from: { path: '^src/keys/' },
      to: { path: '^src/(store|verify|http|cli)/' },
    },
    {
      name: 'libraries-know-no-io',
      comment:
        'The provider catalog, the vault and the outbound client are libraries: they know nothing of the ' +
        'store, the verifier, the routes or the CLI, which use them.',
      severity: 'error',
      from: { path: '^src/(connections|vault|outbound)/' },
      to: { path: '^src/(store|verify|http|cli)/' },
    },
    {
      name: 'store-below-http-and-cli',
      comment: 'STYLE.md: store/ never imports http/ or cli/.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'http-below-cli',
      comment: 'STYLE.md: http/ never imports cli/.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-over-http-only',
      comment:
        'STYLE.md: cli/ reaches the server only over HTTP, through the typed client (@keyward/client); serve ' +
        '(src/cli/serve.ts) is the one command that builds the app.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: '^src/cli/serve[.]ts$' },
      to: { path: '^src/(http|store|verify|auth)/|^src/(server|deps|bootstrap)[.]ts$' },
    },
    {
      name: 'client-is-not-the-server',
      comment:
        '@keyward/client (packages/client) is installed on its own, where none of the server is: it imports ' +
        'nothing of src/.',
      severity: 'error',
      from: { path: '^packages/client/' },
      to: { path: '^src/' },
    },
    {
      name: 'client-has-no-dependencies',
      comment:
        '@keyward/client has no dependencies: the client and the guard use only Node. Only the framework ' +
        'adapters import anything else, each its own framework (the next rule).',
      severity: 'error',
      from: {
        path: '^packages/client/src/',
        pathNot: '^packages/client/src/guard/(fastify|express|hono)[.]ts$',
      },
      to: { path: 'node_modules/' },
    },
    {
      name: 'adapter-imports-its-framework-only',
      comment:
        'A framework adapter of @keyward/client imports its own framework, an optional peer dependency, and ' +
        'no other package: fastify.ts Fastify, express.ts Express, hono.ts Hono.',
      severity: 'error',
      from: { path: '^packages/client/src/guard/(fastify|express|hono)[.]ts$' },
      to: { path: 'node_modules/', pathNot: 'node_modules/(@types/)?$1/' },
    },
    {
      name: 'routes-do-not-import-routes',
      comment:
        'STYLE.md: routes do not import each other; shared parameters, schemas and guards live in modules ' +
        'of src/http/ that routes import. Only routes/index.ts, which registers them, imports the routes.',
      severity: 'error',
      from: { path: '^src/http/routes/', pathNot: '^src/http/routes/index[.]ts$' },
      to: { path: '^src/http/routes/' },
    },
    {
      name: 'routes-only-through-index',
      comment:
        'STYLE.md: the routes are registered explicitly in routes/index.ts, the one way into routes/: what ' +
        "else shares a route's code (the hot path) takes it from the shared modules of src/http/.",
      severity: 'error',
      from: { pathNot: '^src/http/routes/' },
      to: { path: '^src/http/routes/', pathNot: '^src/http/routes/index[.]ts$' },
    },
    {
      name: 'resolves',
      comment:
        'Not a STYLE.md rule, but what the others stand on: they judge only imports that resolve to a file, ' +
        'so an import that resolves to none must fail too.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-cycles',
      comment: 'STYLE.md: no import cycles, not even type-only ones.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // @keyward/client resolves to its build (packages/client/dist); its source is cruised instead.
    doNotFollow: { path: ['node_modules', '^packages/client/dist/'] },
    // `import type` and `import { type X }` leave no trace in the JavaScript; they count all the same.
    tsPreCompilationDeps: true,
    // The project's own settings resolve `./x.js` to `./x.ts` (NodeNext), for src and its unit tests.
    tsConfig: { fileName: 'tsconfig.check.json' },
    // Packages resolve through their `exports`, as Node resolves them (typebox has nothing else).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    progress: { type: 'none' },
  },
};
