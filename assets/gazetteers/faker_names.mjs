// Writes faker_first.txt / faker_last.txt: Latin-script given and family
// names of every @faker-js/faker locale (MIT). Run from the folder where the
// package was unpacked into ./fk (see SOURCES.md).
import { allLocales } from './fk/package/dist/index.js';
const out = new Set();
const lastOut = new Set();
for (const [code, loc] of Object.entries(allLocales)) {
  const p = loc.person; if (!p) continue;
  const add = (set, v) => { if (!v) return; if (Array.isArray(v)) v.forEach(x => set.add(x)); else Object.values(v).forEach(a => Array.isArray(a) && a.forEach(x => set.add(x))); };
  add(out, p.first_name); add(lastOut, p.last_name);
}
const ok = s => /^[A-Z][a-z\u00e0-\u024f'\-]+$/u.test(s) && s.length > 1;
import fs from 'fs';
fs.writeFileSync('faker_first.txt', [...out].filter(ok).sort().join('\n')+'\n');
fs.writeFileSync('faker_last.txt', [...lastOut].filter(ok).sort().join('\n')+'\n');
