import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Layers: imports point down only (style guide, "Layers"; README "Where code goes"). Highest first; a
// file on one floor may import its own floor and the floors below, never one above — a lower floor
// that needs something from above is passed a function instead. Tests are exempt: a test may wire
// a higher floor's real pieces into the code it tests (e.g. the real extractor into the crawler).
const ENTRY_POINTS = ['app', 'worker', 'cli', 'bench', 'components', 'test', 'e2e'];
const FLOORS = [
  // Use cases, plus the per-request services they call (auth, users, http, health, maintenance).
  { name: 'use cases', dirs: ['lib/audits', 'lib/reports', 'lib/auth', 'lib/users', 'lib/http', 'lib/health', 'lib/maintenance', 'lib/flags'] },
  { name: 'transport', dirs: ['lib/progress', 'lib/queue'] },
  { name: 'checks', dirs: ['lib/checks'] },
  { name: 'analysis', dirs: ['lib/analysis'] },
  { name: 'crawler/fetch', dirs: ['lib/crawler', 'lib/fetch'] },
  { name: 'ground floor', files: ['lib/db.ts', 'lib/env.ts', 'lib/logger.ts', 'lib/errors.ts'] },
];

// `@/lib/checks/x`, and relative spellings of it from within lib/ (`../checks/x`, `../../lib/checks/x`).
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const importRegex = (dir) => {
  const relative = dir.startsWith('lib/') ? `(?:lib/)?${escape(dir.slice(4))}` : escape(dir);
  return `^(?:@/${escape(dir)}|(?:\\.\\.?/)+${relative})(?:/|$)`;
};

const layerRules = FLOORS.map((floor, i) => {
  const above = [...ENTRY_POINTS, ...FLOORS.slice(0, i).flatMap((f) => f.dirs ?? [])];
  return {
    name: `layers/${floor.name}`,
    files: floor.files ?? floor.dirs.map((d) => `${d}/**/*.{ts,tsx}`),
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: above.map((dir) => ({
          regex: importRegex(dir),
          message: `${floor.name} must not import ${dir}/ (a higher floor): imports point down only — pass a function in instead (STYLE.md "Layers").`,
        })),
      }],
    },
  };
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...layerRules,
  globalIgnores(['.next/**', '.next-test/**', 'out/**', 'build/**', 'next-env.d.ts', 'lib/generated/**', '.data/**', 'test-results/**', 'playwright-report/**']),
]);
