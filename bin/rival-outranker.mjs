#!/usr/bin/env node
// Installed entry point: registers the TypeScript loader, then runs the CLI from source.
import { register } from 'tsx/esm/api';

process.env.RO_SERVICE ??= 'cli';
register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import('../cli/main.ts');
