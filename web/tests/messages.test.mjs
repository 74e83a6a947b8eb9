// The message catalog: English and German have the same keys, no message is
// empty, and every key the code names literally (t('...')) exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messages } from '../src/lib/messages.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const problems = [];
const en = Object.keys(messages.en);
for (const [locale, table] of Object.entries(messages)) {
  for (const key of en) if (!(key in table)) problems.push(`${locale}: missing ${key}`);
  for (const [key, text] of Object.entries(table)) {
    if (!(key in messages.en)) problems.push(`${locale}: ${key} is not in en`);
    if (!String(text).trim()) problems.push(`${locale}: ${key} is empty`);
    const want = (messages.en[key] ?? '').match(/\{\w+\}/g)?.sort().join() ?? '';
    const have = String(text).match(/\{\w+\}/g)?.sort().join() ?? '';
    if (want !== have) problems.push(`${locale}: ${key} has placeholders ${have || 'none'}, en has ${want || 'none'}`);
  }
}
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(svelte|js)$/.test(name) && !['messages.js', 'i18n.svelte.js'].includes(name)) {
      for (const m of readFileSync(path, 'utf8').matchAll(/\bt\('([\w.]+)'[,)]/g)) {
        if (!(m[1] in messages.en)) problems.push(`${path}: t('${m[1]}') is not in the catalog`);
      }
    }
  }
}
walk(src);
// Every question of the scoping interview (src/scope/interview.cpp asks in
// English, each with a stable id) has its words in the catalog: the German
// page asks in German. Its fixed options too.
const interview = readFileSync(join(src, '..', '..', 'src', 'scope', 'interview.cpp'), 'utf8');
const ids = new Set([...interview.matchAll(/(?:yes_no\(|Question\{|Question q\{)"(\w+)"/g)].map((m) => m[1]));
if (ids.size < 15) problems.push(`interview.cpp: found only ${ids.size} question ids; has its form changed?`);
for (const id of ids) if (!(`scoping.q.${id}` in messages.en)) problems.push(`scoping.q.${id}: the interview asks it, the catalog lacks it`);
for (const option of ['None of these', 'No further activity', 'Not (yet) identified']) {
  if (!interview.includes(`"${option}"`)) problems.push(`interview.cpp no longer offers "${option}": update Scoping.svelte's fixedOptions`);
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log(`message catalog: ${en.length} keys in ${Object.keys(messages).length} languages, all used keys present`);
