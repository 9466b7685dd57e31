#!/usr/bin/env node
// One file rather than the module graph: see scripts/bundle.ts.
import '../dist/bundle/keyward.js';
