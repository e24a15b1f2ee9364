#!/usr/bin/env node
// The entry point: the compiled CLI lives in dist/ (npm install builds it).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
