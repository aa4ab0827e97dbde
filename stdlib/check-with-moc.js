#!/usr/bin/env node
//! Checks minimo's base library against the real Motoko compiler (moc.js from
//! the npm package `motoko`): it registers the files of `base/` as the `base`
//! package instead of the one moc.js bundles, type-checks every module, runs
//! every conformance `run/*.mo` case and every `tests/*.mo` program in moc's
//! interpreter, and compares stdout and the ok/trap verdict with the expected
//! files. It is a developer tool, not part of CI, and it deliberately never
//! reads the bundled base library: only the compiler itself is used.
//!
//! Usage: node check-with-moc.js [--corpus DIR] [--only NAME]...
//! The package `motoko` must be resolvable (NODE_PATH or a local install);
//! `check-with-moc.sh` arranges that.
'use strict';

const fs = require('fs');
const path = require('path');

const STEP_LIMIT = 50000000;
const here = __dirname;
const baseDir = path.join(here, 'base');
const testsDir = path.join(here, 'tests');

const args = process.argv.slice(2);
let corpus = path.resolve(here, '..', '..', 'shared', 'conformance');
const only = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus') corpus = path.resolve(args[++i]);
  else if (args[i] === '--only') only.push(args[++i]);
  else {
    console.error('usage: node check-with-moc.js [--corpus DIR] [--only NAME]...');
    process.exit(2);
  }
}

let mo;
try {
  mo = require('motoko');
} catch (e) {
  console.error('cannot load the npm package `motoko`; run check-with-moc.sh instead');
  process.exit(2);
}

// The virtual folder the library is written to inside moc.js's file system.
const VIRTUAL_BASE = 'minimo-base';
const modules = fs.readdirSync(baseDir).filter((f) => f.endsWith('.mo')).sort();
for (const f of modules) {
  mo.write(`${VIRTUAL_BASE}/${f}`, fs.readFileSync(path.join(baseDir, f), 'utf8'));
}
mo.usePackage('base', VIRTUAL_BASE);
mo.setRunStepLimit(STEP_LIMIT);

let passed = 0;
let failed = 0;
function report(name, ok, detail) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}`);
    if (detail) console.log(detail.replace(/^/gm, '    '));
  }
}

function wanted(name) {
  return only.length === 0 || only.includes(name);
}

function errorsOf(diags) {
  return diags.filter((d) => d.severity === 1)
    .map((d) => `${d.source || ''}:${d.range.start.line + 1}.${d.range.start.character + 1}: ${d.message}`);
}

// 1. Every module must type-check on its own.
for (const f of modules) {
  const name = `module ${f}`;
  if (!wanted(name) && !wanted(f.replace(/\.mo$/, ''))) continue;
  const vpath = `check-module-${f}`;
  mo.write(vpath, `import M "mo:base/${f.replace(/\.mo$/, '')}";\n`);
  const errs = errorsOf(mo.check(vpath));
  mo.delete(vpath);
  report(name, errs.length === 0, errs.join('\n'));
}
const modulesCount = { passed, failed };

// 2. The conformance check cases that import the library must give moc's verdict.
const checkDir = path.join(corpus, 'check');
const checkCases = fs.existsSync(checkDir)
  ? fs.readdirSync(checkDir).filter((f) => f.endsWith('.mo') && !f.slice(0, -3).includes('.')).sort()
  : [];
let checkPassed = 0;
let checkTotal = 0;
for (const f of checkCases) {
  const src = fs.readFileSync(path.join(checkDir, f), 'utf8');
  if (!src.includes('mo:base/')) continue;
  const name = `check/${f.slice(0, -3)}`;
  if (!wanted(name) && !wanted(f.slice(0, -3))) continue;
  const expected = JSON.parse(fs.readFileSync(path.join(checkDir, f.slice(0, -3) + '.expected.json'), 'utf8'));
  mo.write(f, src);
  const errs = errorsOf(mo.check(f));
  mo.delete(f);
  const ok = (errs.length === 0) === expected.ok;
  checkTotal++;
  if (ok) checkPassed++;
  report(name, ok, errs.join('\n'));
}

// 3. Programs run in the interpreter: the conformance run cases and our own tests.
function runCase(name, dir, base) {
  const src = fs.readFileSync(path.join(dir, base + '.mo'), 'utf8');
  const wantOut = fs.readFileSync(path.join(dir, base + '.stdout'), 'utf8');
  const expectedPath = path.join(dir, base + '.expected.json');
  const wantOk = fs.existsSync(expectedPath)
    ? JSON.parse(fs.readFileSync(expectedPath, 'utf8')).ok
    : true;
  const vpath = `${base}.mo`;
  mo.write(vpath, src);
  const r = mo.run(vpath);
  mo.delete(vpath);
  const gotOk = !(r.result && r.result.error != null);
  const problems = [];
  if (r.stdout !== wantOut) problems.push(diff(wantOut, r.stdout));
  if (gotOk !== wantOk) problems.push(`ok: expected ${wantOk}, got ${gotOk}`);
  if (problems.length > 0 && r.stderr) problems.push('stderr:\n' + r.stderr);
  report(name, problems.length === 0, problems.join('\n'));
  return problems.length === 0;
}

function diff(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      out.push(`line ${i + 1}:`);
      out.push(`  expected: ${a[i] === undefined ? '(nothing)' : JSON.stringify(a[i])}`);
      out.push(`  got:      ${b[i] === undefined ? '(nothing)' : JSON.stringify(b[i])}`);
    }
  }
  return out.join('\n');
}

function runAll(label, dir) {
  if (!fs.existsSync(dir)) return [0, 0];
  let ok = 0;
  let total = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.mo')).sort()) {
    const base = f.slice(0, -3);
    const name = `${label}/${base}`;
    if (!wanted(name) && !wanted(base)) continue;
    total++;
    if (runCase(name, dir, base)) ok++;
  }
  return [ok, total];
}

const [runOk, runTotal] = runAll('run', path.join(corpus, 'run'));
const [testOk, testTotal] = runAll('tests', testsDir);

console.log(`modules: ${modulesCount.passed}/${modulesCount.passed + modulesCount.failed} type-check`);
console.log(`check cases importing mo:base: ${checkPassed}/${checkTotal} passed`);
console.log(`run cases: ${runOk}/${runTotal} passed`);
console.log(`own tests: ${testOk}/${testTotal} passed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
