// `scan PATH…`: finds certificate/key pairs and judges each.
//
// Pairs, per directory: certbot live dirs (fullchain.pem + privkey.pem), acme.sh dirs (fullchain.cer
// + X.key, where X.cer is there too), X.crt + X.key (lego: X.crt is already the bundle),
// X.pem + X-key.pem (mkcert). .pfx / .p12 files are listed as skipped: they need a passphrase,
// which scan does not take. Directories are walked recursively (symbolic links followed, each real
// directory once, at most 16 deep); a file given by name is paired with its partner by the same rules.
import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { reason } from "./read.js";

const MAX_DEPTH = 16;

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The pairs of one directory's file names: [{ path, name, certificate, key }], PKCS#12 files skipped. */
function pairsIn(dir, names) {
  const set = new Set(names);
  const found = [];
  const used = new Set();
  // `path`: the directory for certbot / acme.sh layouts (one pair per directory), else the certificate.
  const add = (name, cert, key, byDir) => {
    const certificate = path.join(dir, cert);
    found.push({ path: byDir ? dir : certificate, name, certificate, key: path.join(dir, key) });
    used.add(cert);
    used.add(key);
  };
  if (set.has("fullchain.pem") && set.has("privkey.pem")) add(path.basename(path.resolve(dir)), "fullchain.pem", "privkey.pem", true);
  for (const n of names) {
    let m;
    if ((m = /^(.+)\.key$/.exec(n)) && !used.has(n)) {
      const base = m[1];
      if (set.has(`${base}.crt`)) add(base, `${base}.crt`, n, false);
      else if (set.has(`${base}.cer`)) add(base, set.has("fullchain.cer") ? "fullchain.cer" : `${base}.cer`, n, set.has("fullchain.cer"));
    } else if ((m = /^(.+)-key\.pem$/.exec(n)) && set.has(`${m[1]}.pem`) && !used.has(n)) {
      add(m[1], `${m[1]}.pem`, n, false);
    }
  }
  for (const n of names) {
    if (/\.(pfx|p12)$/i.test(n)) {
      found.push({ path: path.join(dir, n), name: n, certificate: null, key: null, skipped: "PKCS#12 needs a passphrase, which scan does not take" });
    }
  }
  return found;
}

/** The partner of a file given by name, or the file alone (a certificate without a key). */
function pairOfFile(file) {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    names = [base];
  }
  if (/\.(pfx|p12)$/i.test(base)) return pairsIn(dir, [base]);
  const abs = path.resolve(file);
  const match = pairsIn(dir, names).find((p) => p.certificate && (path.resolve(p.certificate) === abs || path.resolve(p.key) === abs));
  if (match) return [match];
  return [{ path: file, name: base, certificate: file, key: null }];
}

/**
 * Every pair under `paths`, in a stable order: `{ entries, errors }`. `errors` are paths that
 * could not be read (one line each, exit 2 in the end).
 */
export function discover(paths) {
  const entries = [];
  const errors = [];
  const seenDirs = new Set();
  const seenEntries = new Set();
  const push = (e) => {
    const id = `${e.certificate}\0${e.key}\0${e.path}`;
    if (!seenEntries.has(id)) {
      seenEntries.add(id);
      entries.push(e);
    }
  };
  const walk = (dir, depth) => {
    let real;
    try {
      real = realpathSync(dir);
    } catch (e) {
      errors.push({ path: dir, message: `cannot read ${dir}: ${reason(e)}` });
      return;
    }
    if (seenDirs.has(real) || depth > MAX_DEPTH) return;
    seenDirs.add(real);
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, message: `cannot read ${dir}: ${reason(e)}` });
      return;
    }
    const names = [];
    const subdirs = [];
    for (const d of dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) subdirs.push(full);
      else if (d.isFile()) names.push(d.name);
      else if (d.isSymbolicLink()) {
        // certbot's live files are links into ../../archive; a linked directory is walked too.
        try {
          const s = statSync(full);
          if (s.isDirectory()) subdirs.push(full);
          else if (s.isFile()) names.push(d.name);
        } catch {
          // A dangling link is not a pair member.
        }
      }
    }
    for (const e of pairsIn(dir, names)) push(e);
    for (const sub of subdirs) walk(sub, depth + 1);
  };
  for (const p of paths) {
    let s;
    try {
      s = statSync(p);
    } catch (e) {
      errors.push({ path: p, message: `cannot read ${p}: ${reason(e)}` });
      continue;
    }
    if (s.isDirectory()) walk(p, 0);
    else if (isFile(p)) for (const e of pairOfFile(p)) push(e);
    else errors.push({ path: p, message: `cannot read ${p}: not a file or directory` });
  }
  return { entries, errors };
}

/** One human line for a judged pair. */
export function scanLine(entry, provider, now, warnMs, width, paint) {
  const name = entry.name.padEnd(width);
  if (entry.skipped) return `${name}  ${paint.dim(`skipped: ${entry.skipped}`)}`;
  if (entry.error) return `${name}  ${paint.red(`error: ${entry.error}`)}`;
  const r = entry.report;
  const cert = r.certificate;
  let expiry = "no certificate";
  if (cert) {
    const ms = Date.parse(cert.notAfter) - now;
    const days = Math.floor(ms / 86_400_000);
    const text = days < 0 ? `expired ${-days}d ago` : `expires in ${days}d`;
    expiry = ms < warnMs ? paint.yellow(text) : text;
  }
  const all = [...r.errors, ...r.warnings];
  const has = (kind) => all.some((f) => f.kind === kind);
  let key;
  if (!entry.key) key = "no key";
  else if (has("CertificateMismatch")) key = paint.red("key MISMATCH");
  else if (has("PrivateKeyEncrypted")) key = paint.yellow("key encrypted");
  else if (has("PrivateKeyFormatInvalid") || has("PrivateKeyMissing")) key = paint.red("key unreadable");
  else if (r.privateKey) key = "key matches";
  else key = "key ?";
  let chain = `chain ${r.chain.length}`;
  if (has("ChainOrderInvalid")) chain += paint.yellow(" out of order");
  else if (has("ChainIncomplete")) chain += paint.yellow(" incomplete");
  const e = r.errors[0];
  const verdict = e
    ? paint.red(`refused: ${e.code} (HTTP ${e.httpStatus})${e.code !== e.kind ? ` ${e.kind}` : ""}`)
    : paint.green(provider ? "accepted" : "ok");
  return `${name}  ${expiry.padEnd(16 + (expiry.length - stripAnsi(expiry).length))}  ${key.padEnd(14 + (key.length - stripAnsi(key).length))}  ${chain.padEnd(20 + (chain.length - stripAnsi(chain).length))}  ${verdict}`;
}

function stripAnsi(s) {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, "");
}
