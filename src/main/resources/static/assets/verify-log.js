// In-browser twin of the offline verifier (LogVerifier.java). The byte formats are documented in
// docs/transparency.md; JSON.stringify is NOT used for them because it escapes differently.
'use strict';
(function () {
  const enc = new TextEncoder();
  const KEYS = ['v', 'seq', 'recordedAt', 'process', 'reference', 'eventType', 'agency', 'requestType',
    'accessCategory', 'decision', 'legalBasis', 'actorRole', 'privateDigest', 'leafHash'];
  const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

  function quote(s) {
    if (s === null || s === undefined) return 'null';
    let out = '"';
    for (const ch of String(s)) {
      const c = ch.codePointAt(0);
      if (ch === '"' || ch === '\\') out += '\\' + ch;
      else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
      else out += ch;
    }
    return out + '"';
  }

  function leafJson(e) {
    return '{"v":1,"seq":' + e.seq + ',"recordedAt":"' + e.recordedAt + '"' +
      ['process', 'reference', 'eventType', 'agency', 'requestType', 'accessCategory', 'decision', 'legalBasis',
        'actorRole', 'privateDigest'].map(k => ',"' + k + '":' + quote(e[k])).join('') + '}';
  }

  async function sha256(parts) {
    let len = 0;
    parts.forEach(p => { len += p.length; });
    const buf = new Uint8Array(len);
    let o = 0;
    parts.forEach(p => { buf.set(p, o); o += p.length; });
    return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  }
  const leafHash = data => sha256([Uint8Array.of(0), data]);
  const nodeHash = (l, r) => sha256([Uint8Array.of(1), l, r]);
  const equal = (a, b) => a && b && a.length === b.length && a.every((x, i) => x === b[i]);
  const b64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));

  // Compact range: the root of a growing RFC 6962 tree in O(log n) memory.
  function rootBuilder() {
    const stack = [];
    const sizes = [];
    let count = 0;
    return {
      async add(h) {
        let s = 1;
        while (sizes.length && sizes[sizes.length - 1] === s) {
          h = await nodeHash(stack.pop(), h);
          sizes.pop();
          s *= 2;
        }
        stack.push(h); sizes.push(s); count++;
      },
      size: () => count,
      async root() {
        if (!stack.length) return sha256([]);
        let r = stack[stack.length - 1];
        for (let i = stack.length - 2; i >= 0; i--) r = await nodeHash(stack[i], r);
        return r;
      }
    };
  }

  function parseLine(text) {
    const n = JSON.parse(text);
    if (!n || typeof n !== 'object' || Array.isArray(n)) throw new Error('not a JSON object');
    Object.keys(n).forEach(k => { if (!KEYS.includes(k)) throw new Error('unknown key ' + k); });
    KEYS.forEach(k => { if (!(k in n)) throw new Error('missing key ' + k); });
    if (n.v !== 1 || !Number.isSafeInteger(n.seq)) throw new Error('unsupported format version or bad seq');
    if (!TIME.test(n.recordedAt)) throw new Error('bad recordedAt');
    return n;
  }

  async function publicKey(text) {
    let t = text.trim();
    if (t.startsWith('{')) t = JSON.parse(t).publicKey;
    t = t.replace('-----BEGIN PUBLIC KEY-----', '').replace('-----END PUBLIC KEY-----', '').replace(/\s/g, '');
    return crypto.subtle.importKey('spki', b64(t), { name: 'Ed25519' }, false, ['verify']);
  }

  async function verify(exportText, cp, key) {
    const size = cp.treeSize;
    const recomputed = rootBuilder();
    const claimed = rootBuilder();
    let claimsComplete = true;
    let count = 0;
    let last = null;
    let orderSeq = null;
    let orderWhy = null;
    let firstMismatch = null;
    for (const raw of exportText.split('\n')) {
      if (!raw.trim()) continue;
      count++;
      let e;
      try {
        e = parseLine(raw);
      } catch (err) {
        if (orderWhy === null) { orderSeq = count; orderWhy = 'unreadable: ' + err.message; }
        last = null;
        if (count <= size) { claimsComplete = false; await recomputed.add(new Uint8Array(32)); }
        continue;
      }
      if (orderWhy === null) {
        if (e.seq > count) { orderSeq = count; orderWhy = 'missing or out of order: expected entry ' + count + ' here but found entry ' + e.seq; }
        else if (e.seq < count) { orderSeq = count; orderWhy = 'out of order: entry ' + e.seq + ' appears again at position ' + count; }
        else if (last !== null && e.recordedAt < last) { orderSeq = count; orderWhy = 'back-dated: recorded at ' + e.recordedAt + ', before the entry preceding it (' + last + ')'; }
      }
      last = e.recordedAt;
      if (count > size) continue;
      const h = await leafHash(enc.encode(leafJson(e)));
      await recomputed.add(h);
      if (e.leafHash === null) { claimsComplete = false; } else {
        const c = b64(e.leafHash);
        await claimed.add(c);
        if (firstMismatch === null && !equal(h, c)) firstMismatch = count;
      }
    }
    const signed = enc.encode('{"v":1,"origin":' + quote(cp.origin) + ',"treeSize":' + cp.treeSize + ',"rootHash":' +
      quote(cp.rootHash) + ',"timestamp":"' + cp.timestamp + '"}');
    let sigOk = false;
    try { sigOk = await crypto.subtle.verify('Ed25519', key, b64(cp.signature), signed); } catch (err) { sigOk = false; }
    if (!sigOk) return 'FAILED: the checkpoint\'s signature is not valid for this public key (signed by another key, or altered)';
    let bad = orderSeq;
    let why = orderWhy;
    if (count < size) {
      if (bad === null) { bad = count + 1; why = 'missing: the checkpoint covers ' + size + ' entries but the log has only ' + count; }
    } else {
      const root = b64(cp.rootHash);
      if (!equal(await recomputed.root(), root)) {
        const proven = claimsComplete && equal(await claimed.root(), root);
        const hashSeq = proven ? firstMismatch : null;
        const hashWhy = proven ? 'altered: its content no longer matches the leaf hash signed in the checkpoint'
          : 'the entries do not match the signed root of the checkpoint, and the recorded leaf hashes were altered as well, so the first changed entry cannot be pinned down';
        if (bad === null || (hashSeq !== null && hashSeq < bad)) { bad = hashSeq; why = hashWhy; }
      }
    }
    if (why === null) {
      return 'OK: ' + count + ' entries read; the first ' + size + ' match the signed checkpoint' +
        (count > size ? ' (' + (count - size) + ' newer entries are not covered by it yet)' : '');
    }
    return bad === null ? 'FAILED: ' + why : 'FAILED at entry ' + bad + ': ' + why;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('verify-form');
    const out = document.getElementById('result');
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      out.textContent = 'Checking...';
      try {
        const [exportText, cpText, keyText] = await Promise.all(['export', 'checkpoint', 'key']
          .map(id => document.getElementById(id).files[0].text()));
        out.textContent = await verify(exportText, JSON.parse(cpText), await publicKey(keyText));
      } catch (err) {
        out.textContent = 'Could not check: ' + err.message;
      }
    });
  });
  window.transparencyVerify = { verify, publicKey, leafJson };
})();
