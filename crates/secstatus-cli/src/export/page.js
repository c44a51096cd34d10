'use strict';
// The reference page's search: the command line's lookup (every form of a value or name, neighbouring systems'
// statuses through their mappings), then names by prefix, then ranked full text in both languages.
(function () {
  const doc = document.documentElement;
  const q = document.getElementById('q');
  const tbody = document.querySelector('tbody');
  const count = document.getElementById('count');
  const none = document.getElementById('none');
  const foreignRows = JSON.parse(document.getElementById('foreign').textContent);

  // ---- The catalogue, read from the rows.
  const STOP = new Set(('a an and are as at be but by can cannot could did do does for from had has have if in into is it its ' +
    'may no not of on or so that the their there this to was were when which will with ' +
    'а без бы был была были было в во вы да для до его ее её если же за и из или им их к как ко ли на над не нет ни но ' +
    'о об однако он она они оно от по под при с со так также то только у уже что чтобы это эти этот я').split(' '));
  // Common endings, longest first: a word's stem is the word without one of them, kept at 3 letters or more.
  const ENDINGS = ('иями ями ами ого его ому ему ыми ими ией ий ый ой ей ая яя ое ее ые ие ую юю ом ем ам ям ах ях ов ев ью ия ие ' +
    'а я ы и у ю е о ь й ' +
    'ations ation ments ment ings ing ies ed es s e ly').split(' ').sort((a, b) => b.length - a.length);
  const WORD = /-\d+|[\p{L}\p{N}_]+/gu;

  function stem(word) {
    if (/[\d_]/.test(word)) return word;
    for (const end of ENDINGS) {
      if (word.length - end.length >= 3 && word.endsWith(end)) return word.slice(0, word.length - end.length);
    }
    return word;
  }
  function words(text) {
    return (text.toLowerCase().replace(/ё/g, 'е').match(WORD) || []);
  }
  function stems(text) {
    return new Set(words(text).map(stem));
  }

  const rows = [...tbody.rows];
  const entries = rows.map((tr, order) => {
    const name = tr.id;
    const aliases = tr.dataset.a ? tr.dataset.a.split(' ') : [];
    const field = sel => [...tr.querySelectorAll(sel)].map(n => n.textContent).join(' ');
    const w4 = field('.w4'), w2 = field('.w2'), w1 = field('.w1');
    return {
      tr, order, name, aliases, value: Number(tr.dataset.v),
      names: [name, ...aliases],
      lowNames: [name, ...aliases].map(n => n.toLowerCase()).join(' '),
      fields: [[4, w4.toLowerCase().replace(/ё/g, 'е'), stems(w4)], [2, w2.toLowerCase().replace(/ё/g, 'е'), stems(w2)],
        [1, w1.toLowerCase().replace(/ё/g, 'е'), stems(w1)]],
    };
  });
  const byValue = new Map(entries.map(e => [e.value, e]));
  const byName = new Map();
  for (const e of entries) for (const n of e.names) byName.set(n, e);
  const foreignByName = new Map();
  const foreignByValue = new Map();
  for (const f of foreignRows) {
    for (const n of f.n) foreignByName.set(n.toUpperCase(), f);
    foreignByValue.set(f.s + ':' + f.v, f);
  }

  // ---- The command line's lookup.
  // Drops the punctuation people copy along with a code: brackets, quotes, a trailing `:` `,` `;` or `.`.
  function unwrap(text) {
    text = text.trim();
    for (;;) {
      const before = text;
      text = text.replace(/[:,;.]+$/, '');
      for (const [open, close] of [['(', ')'], ['[', ']'], ['"', '"'], ["'", "'"], ['`', '`'], ['<', '>']]) {
        if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) text = text.slice(1, -1);
      }
      text = text.trim();
      if (text === before) return text;
    }
  }
  function decimal(text) {
    if (!/^[+-]?\d+$/.test(text)) return null;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < -2147483648 || n > 4294967295) return null;
    return n >>> 0;
  }
  function hex(digits) {
    return /^[0-9a-f]{1,8}$/i.test(digits) ? parseInt(digits, 16) >>> 0 : null;
  }
  // A name in any case, Markdown's `\_` read as `_`.
  function normalName(text) {
    const name = text.replace(/\\_/g, '_');
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name.toUpperCase() : null;
  }
  // One name or number, as the library's `FromStr` reads it: a value, or null.
  function strict(text) {
    const display = /^(.*) \((.*)\)$/.exec(text);
    if (display) {
      const e = byName.get(normalName(display[1].trim()) || '');
      if (e) return strict(display[2].trim()) === e.value ? e.value : null;
    }
    if (/^0x/i.test(text)) return hex(text.slice(2));
    if (/^[0-9a-f]{8}$/i.test(text)) return hex(text);
    if (/^[+-]?\d/.test(text)) return decimal(text);
    if (/^[A-Za-z_]/.test(text)) {
      const e = byName.get(normalName(text) || '');
      return e ? e.value : null;
    }
    return null;
  }
  // Every plausible reading of a query, best first (at most two values), as `secstatus::interpret`.
  function interpret(query) {
    const text = unwrap(query);
    const out = [];
    const push = v => { if (v !== null && !out.includes(v) && out.length < 2) out.push(v); };
    const value = strict(text);
    if (value !== null) {
      push(value);
      const digits = /^\d+$/.test(text);
      if (digits && text.length === 8) push(decimal(text));
      if (digits && text.length < 8 && !/^0x/i.test(text)) push(hex(text));
    } else {
      const name = text.replace(/\\/g, '').toUpperCase();
      for (const e of entries) {
        if (e.names.some(n => /^SEC_[EI]_/.test(n) && n.slice(6) === name)) push(e.value);
      }
    }
    return out;
  }
  // The neighbouring status a 32-bit value is, when the tables know it.
  function neighbour(v) {
    const nt = (v & 0x10000000) !== 0, sev = (v & 0x80000000) !== 0;
    const facility = (v >>> 16) & 0x7ff;
    if ((v & 0xc0000000) >>> 0 === 0xc0000000 && !nt) return foreignByValue.get('ntstatus:' + v);
    if (nt && sev) return foreignByValue.get('ntstatus:' + ((v & ~0x10000000) >>> 0));
    if (v <= 0xffff) return undefined;
    if (facility === 7) return foreignByValue.get('win32:' + (v & 0xffff));
    if (((v & 0x7fffff00) >>> 0) === 0x00090300) return undefined;
    return foreignByValue.get('hresult:' + v);
  }
  // Codes inside a longer pasted text, on token boundaries: names, hex, 8 bare hex digits, decimals of errors.
  function inText(query) {
    const found = [];
    for (const token of query.match(/[A-Za-z0-9_\\]+|-\d+/g) || []) {
      let v = null;
      if (/^0x[0-9a-f]{1,8}$/i.test(token) || /^[0-9a-f]{8}$/i.test(token)) v = strict(token);
      else if (/^-\d+$/.test(token) || /^\d{10}$/.test(token)) v = decimal(token);
      else if (/^SEC(\\?_)[EI]\1/i.test(token)) v = strict(token);
      if (v !== null && byValue.has(v) && !found.includes(v)) found.push(v);
      const f = foreignByName.get(token.toUpperCase());
      if (f) for (const n of f.m) if (!found.includes(byName.get(n).value)) found.push(byName.get(n).value);
    }
    return found;
  }
  // The SSPI codes a query names, as `Answer::resolve` finds them: read directly first, then mapped.
  function lookup(query) {
    const readings = interpret(query);
    const foreign = [];
    const f = foreignByName.get(query.trim().toUpperCase());
    if (f) foreign.push(f);
    if (!readings.some(v => byValue.has(v))) {
      for (const v of readings) { const n = neighbour(v); if (n) foreign.push(n); }
    }
    const out = [];
    const add = e => { if (e && !out.includes(e)) out.push(e); };
    for (const v of readings) add(byValue.get(v));
    for (const g of foreign) for (const n of g.m) add(byName.get(n));
    if (!out.length && !foreign.length) for (const v of inText(query)) add(byValue.get(v));
    return out;
  }

  // ---- Names by prefix: `SEC_E_CERT`, `TIME_`, `kdc`.
  function byPrefix(query) {
    const name = normalName(unwrap(query).replace(/\\/g, ''));
    if (!name || name.length < 3) return [];
    return entries.filter(e => e.names.some(n => n.startsWith(name) || (/^SEC_[EI]_/.test(n) && n.slice(6).startsWith(name))));
  }

  // ---- Full text: rarer words weigh more, a name or meaning more than a cause; word stems in both languages.
  function textSearch(query) {
    const list = words(query).map(w => w.replace(/^-(?!\d)/, '')).filter(w => w && !STOP.has(w)).slice(0, 16);
    const scores = new Map();
    for (const word of list) {
      const exact = /[\d_]/.test(word);
      const s = stem(word);
      const weights = entries.map(e => {
        if (e.lowNames.includes(word)) return 8;
        for (const [weight, text, set] of e.fields) {
          if (exact ? text.includes(word) : set.has(s) || (s.length >= 5 && [...set].some(t => t.startsWith(s)))) return weight;
        }
        return 0;
      });
      const df = weights.filter(w => w > 0).length;
      if (!df) continue;
      const idf = (entries.length * 64) / df;
      weights.forEach((w, i) => { if (w) scores.set(entries[i], (scores.get(entries[i]) || 0) + w * idf); });
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0].order - b[0].order).map(([e]) => e);
  }

  // Every code that answers a query, best first.
  function results(query) {
    const out = [];
    const add = e => { if (!out.includes(e)) out.push(e); };
    lookup(query).forEach(add);
    byPrefix(query).forEach(add);
    textSearch(query).forEach(add);
    return out;
  }

  // ---- Showing them.
  let lang = doc.lang;
  const say = {
    en: (n, all) => n === all ? `${all} codes` : n === 1 ? `1 of ${all} codes` : `${n} of ${all} codes`,
    ru: (n, all) => n === all ? `${all} ${plural(all)}` : `${n} из ${all} ${plural(all)}`,
  };
  function plural(n) {
    const t = n % 10, h = n % 100;
    return t === 1 && h !== 11 ? 'кода' : 'кодов';
  }
  function show(query) {
    const trimmed = query.trim();
    const list = trimmed ? results(trimmed) : entries;
    const shown = new Set(list);
    for (const e of entries) e.tr.hidden = !shown.has(e);
    for (const e of list) tbody.appendChild(e.tr);
    if (!trimmed) for (const e of entries) tbody.appendChild(e.tr);
    none.hidden = list.length > 0;
    count.textContent = say[lang](list.length, entries.length);
    return list;
  }
  function remember(query) {
    try {
      const url = new URL(location.href);
      if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
      url.hash = '';
      history.replaceState(null, '', url.href);
    } catch (_) { /* A page opened from a file may not change its address. */ }
  }
  function setOpen(button, open) {
    button.setAttribute('aria-expanded', String(open));
    document.getElementById(button.getAttribute('aria-controls')).hidden = !open;
  }
  // `#NAME`: the code shown (whatever the filter), expanded, marked and scrolled to.
  function goTo(hash) {
    let id = '';
    try { id = decodeURIComponent(hash.replace(/^#/, '')); } catch (_) { id = hash.replace(/^#/, ''); }
    if (!id) return false;
    let e = entries.find(x => x.name === id) || lookup(id)[0];
    if (!e) return false;
    if (e.tr.hidden) { q.value = ''; show(''); }
    for (const x of entries) x.tr.classList.toggle('target', x === e);
    const button = e.tr.querySelector('.more');
    if (button) setOpen(button, true);
    e.tr.scrollIntoView({ block: 'start' });
    return true;
  }
  function setLang(l, store) {
    lang = l;
    doc.lang = l;
    for (const b of ['en', 'ru']) document.getElementById(b).setAttribute('aria-pressed', String(b === l));
    count.textContent = say[lang](entries.filter(e => !e.tr.hidden).length, entries.length);
    if (store) { try { localStorage.setItem('secstatus-lang', l); } catch (_) { /* Storage may be blocked. */ } }
  }

  tbody.addEventListener('click', ev => {
    const button = ev.target.closest('.more');
    if (button) setOpen(button, button.getAttribute('aria-expanded') !== 'true');
  });
  document.getElementById('en').addEventListener('click', () => setLang('en', true));
  document.getElementById('ru').addEventListener('click', () => setLang('ru', true));
  q.addEventListener('input', () => { show(q.value); remember(q.value.trim()); });
  q.addEventListener('keydown', ev => {
    if (ev.key === 'Escape') { q.value = ''; show(''); remember(''); }
    if (ev.key === 'Enter') {
      const first = tbody.querySelector('tr:not([hidden]) .self');
      if (first) first.focus();
    }
  });
  document.addEventListener('keydown', ev => {
    if (ev.key === '/' && document.activeElement !== q && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      q.focus();
    }
  });
  window.addEventListener('hashchange', () => goTo(location.hash));
  // A code scrolled to stops below the sticky search bar, however tall the bar is on this screen.
  const bar = document.querySelector('.bar');
  const fitBar = () => doc.style.setProperty('--bar', bar.getBoundingClientRect().height + 'px');
  window.addEventListener('resize', fitBar);
  fitBar();

  let stored = null;
  try { stored = localStorage.getItem('secstatus-lang'); } catch (_) { /* Storage may be blocked. */ }
  setLang(stored === 'en' || stored === 'ru' ? stored : doc.lang || 'en', false);
  let initial = '';
  try { initial = new URLSearchParams(location.search).get('q') || ''; } catch (_) { initial = ''; }
  q.value = initial;
  show(initial);
  if (location.hash) goTo(location.hash);

  // For tests and the curious: the ranked names for a query.
  window.secstatusSearch = query => results(query).map(e => e.name);
})();
