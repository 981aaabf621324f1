// The demo page: reads the form, has the validation thread (validator.js) check it as you type,
// shows the findings and the certificate's details, and uploads through the proxy (/api/upload).
import { FIELDS, PROVIDERS } from "./upload.js";

const $ = (id) => document.getElementById(id);
const form = $("form");
const el = {
  provider: $("provider"),
  region: $("region"),
  name: $("name"),
  nameLabel: $("name-label"),
  nameParam: $("name-param"),
  nameField: $("name-field"),
  typeField: $("type-field"),
  type: $("certificate-type"),
  eccField: $("ecc-field"),
  ecc: $("ecc-regions"),
  sm2Field: $("sm2-field"),
  sm2: $("sm2"),
  sm2Pems: $("sm2-pems"),
  certificate: $("certificate"),
  privateKey: $("private-key"),
  passphrase: $("passphrase"),
  passphraseField: $("passphrase-field"),
  signCert: $("sign-cert"),
  signKey: $("sign-key"),
  encryptCert: $("encrypt-cert"),
  encryptKey: $("encrypt-key"),
  tokenField: $("token-field"),
  token: $("proxy-token"),
  upload: $("upload"),
  uploadHint: $("upload-hint"),
  status: $("status"),
  findings: $("findings"),
  details: $("details"),
  facts: $("facts"),
  chain: $("chain"),
  chainRoots: $("chain-roots"),
  normalized: $("normalized"),
  normalizedCert: $("normalized-cert"),
  normalizedKeyNote: $("normalized-key-note"),
  useNormalized: $("use-normalized"),
  uploadResult: $("upload-result"),
  modeBadge: $("mode-badge"),
  chainFix: $("chain-fix"),
  chainFixTitle: $("chain-fix-title"),
  chainFixIntro: $("chain-fix-intro"),
  chainFixStatus: $("chain-fix-status"),
  chainFixResult: $("chain-fix-result"),
  chainAdded: $("chain-added"),
  chainProblems: $("chain-problems"),
  chainProblemsBlock: $("chain-problems-block"),
  fetchChain: $("fetch-chain"),
  useChain: $("use-chain"),
};

/** What each provider calls the name field. */
const NAME_PARAM = { "aliyun-slb": "ServerCertificateName", "aliyun-cas": "Name", "tencent-ssl": "Alias" };
/** How each provider shows a fingerprint (aliyun-slb: lowercase colon hex; CAS: upper-case hex). */
const FINGERPRINT_STYLE = {
  "": (fp) => fp,
  "aliyun-slb": (fp) => fp,
  "aliyun-cas": (fp) => fp.replaceAll(":", "").toUpperCase(),
  "tencent-ssl": (fp) => fp.replaceAll(":", "").toUpperCase(),
};

let regionsByProvider = {};
let health = { mode: "mock", upload: "open" };
let last = null; // the latest { report, errors, warnings } shown

/** Two PEM texts alike but for surrounding white space. */
const same = (a, b) => (a ?? "").trim() === (b ?? "").trim();

// ---- the validation thread ------------------------------------------------------------------

/**
 * A module worker running the package. Messages are posted only after it said "ready"; a newer
 * input makes older answers stale, and a check still running after a newer input arrives (a slow
 * key derivation) is cancelled by replacing the worker.
 */
class Checker {
  constructor(onAnswer, onReady) {
    this.onAnswer = onAnswer;
    this.onReady = onReady;
    this.seq = 0;
    this.busySince = 0;
    this.pending = null;
    this.start();
  }

  start() {
    this.ready = false;
    this.worker = new Worker(new URL("./validator.js", import.meta.url), { type: "module" });
    this.worker.onmessage = (e) => this.message(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.onAnswer({ failure: { code: "WorkerFailed", message: "the checker could not start" } });
    };
  }

  message(data) {
    if (data.type === "ready") {
      this.ready = true;
      this.onReady?.(data);
      this.onReady = null;
      if (this.pending) this.post(this.pending);
      return;
    }
    this.busySince = 0;
    if (data.id === this.seq) this.onAnswer(data);
    if (this.pending && this.pending.id !== data.id) this.post(this.pending);
  }

  check(job) {
    this.seq += 1;
    const message = { ...job, id: this.seq };
    if (!this.ready) {
      this.pending = message;
      return;
    }
    if (this.busySince && performance.now() - this.busySince > 250) {
      // The thread is stuck on an older input: drop it and start afresh.
      this.worker.terminate();
      this.pending = message;
      this.busySince = 0;
      this.start();
      return;
    }
    if (this.busySince) {
      this.pending = message;
      return;
    }
    this.post(message);
  }

  post(message) {
    this.pending = null;
    this.busySince = performance.now();
    this.worker.postMessage(message);
  }
}

// ---- reading the form -----------------------------------------------------------------------

function provider() {
  return el.provider.value;
}

function eccRegions() {
  return el.ecc.value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The upload in the API's own parameter names, plus the proxy's options. */
function currentCall() {
  const p = provider();
  const certificate = el.certificate.value;
  const privateKey = el.privateKey.value;
  const passphrase = el.passphrase.value;
  if (!p) {
    const input = { certificate };
    if (privateKey.trim()) input.privateKey = privateKey;
    if (passphrase) input.passphrase = passphrase;
    return { provider: "", params: {}, options: {}, input };
  }
  const names = FIELDS[p];
  const params = {};
  const options = {};
  params[names.certificate] = certificate;
  if (privateKey.trim()) params[names.privateKey] = privateKey;
  if (el.name.value.trim()) params[NAME_PARAM[p]] = el.name.value.trim();
  if (p === "aliyun-slb") {
    params.RegionId = el.region.value;
    const ecc = eccRegions();
    if (ecc.length) options.eccRegions = ecc;
    if (passphrase) options.passphrase = passphrase;
  } else if (p === "aliyun-cas") {
    if (el.region.value) options.region = el.region.value;
    if (passphrase) options.passphrase = passphrase;
    if (el.sm2.checked) {
      const sm2 = { SignCert: el.signCert, SignPrivateKey: el.signKey, EncryptCert: el.encryptCert, EncryptPrivateKey: el.encryptKey };
      for (const [k, field] of Object.entries(sm2)) if (field.value.trim()) params[k] = field.value;
      if (!certificate.trim()) delete params.Cert;
    }
  } else {
    params.CertificateType = el.type.value;
    if (passphrase) params.KeyPassword = passphrase;
  }
  return { provider: p, params, options };
}

// ---- showing results -------------------------------------------------------------------------

function text(tag, content, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = content;
  return node;
}

function setStatus(kind, icon, message) {
  el.status.className = `status ${kind}`;
  el.status.querySelector(".status-icon").textContent = icon;
  el.status.querySelector(".status-text").textContent = message;
}

function findingItem(f, severity) {
  const li = document.createElement("li");
  li.className = `finding ${severity}`;
  const head = document.createElement("div");
  head.className = "finding-head";
  head.append(text("span", severity === "error" ? "✗ Error" : "⚠ Warning", "severity"));
  // An error is what the provider would answer: its code and status. A warning is accepted by the
  // provider, so it is named by its kind (the provider's code would mislead).
  const code = text("code", severity === "error" ? f.code : f.kind, "code");
  const alternatives = f.alternatives ?? [];
  if (severity === "error" && alternatives.length) {
    code.classList.add("has-alternatives");
    code.title = `The provider is documented or seen to answer ${alternatives.join(" or ")} for this too`;
  }
  head.append(code);
  if (severity === "error") head.append(text("span", `HTTP ${f.httpStatus}`, "meta"));
  head.append(text("span", `field ${f.field}`, "meta"));
  if (f.confidence === "inferred") {
    const mark = text("span", "inferred", "inferred");
    const alt = alternatives.length ? `; the provider may also answer ${alternatives.join(", ")}` : "";
    mark.title = `Our reading of the provider's documents, not a code seen in a real response${alt}`;
    head.append(mark);
  }
  li.append(head);
  if (severity === "error" || !f.detail) li.append(text("p", f.message));
  if (f.detail) li.append(text("p", f.detail, severity === "error" ? "detail" : ""));
  return li;
}

function daysLeft(notAfter) {
  const days = Math.floor((Date.parse(notAfter) - Date.now()) / 86_400_000);
  if (days < 0) return `expired ${-days} day${days === -1 ? "" : "s"} ago`;
  return `${days} day${days === 1 ? "" : "s"} left`;
}

function copyButton(value, what) {
  const b = text("button", "Copy", "copy");
  b.type = "button";
  b.setAttribute("aria-label", `Copy ${what}`);
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(value);
      b.textContent = "Copied";
    } catch {
      b.textContent = "Select and copy";
    }
    setTimeout(() => (b.textContent = "Copy"), 1500);
  });
  return b;
}

function fact(dl, term, value) {
  dl.append(text("dt", term));
  const dd = document.createElement("dd");
  if (value instanceof Node) dd.append(value);
  else dd.textContent = value;
  dl.append(dd);
}

function fingerprintNode(value, what) {
  const wrap = document.createElement("div");
  wrap.className = "fp";
  wrap.append(text("code", value));
  wrap.append(copyButton(value, what));
  return wrap;
}

/** Each link of the chain: does the next certificate name and sign the one before it? */
function linkStatus(chain, i, findings) {
  const child = chain[i];
  const parent = chain[i + 1];
  // The block numbers findings use ("certificate #2"): index + 1.
  const n = child.index + 1;
  if (!parent) {
    const kinds = new Set(findings.map((f) => f.kind));
    if (child.subject === child.issuer) {
      return kinds.has("ChainUntrusted") ? ["open", "self-signed, not a trusted root"] : ["verified", "self-signed root"];
    }
    // With roots, no ChainIncomplete means a trusted root issued it (validate checked the signature).
    if (last?.roots && !kinds.has("ChainIncomplete")) return ["verified", `✓ issued by a trusted root, ${child.issuer}`];
    return ["open", "issuer not included (the client must have it)"];
  }
  const m = parent.index + 1;
  if (child.issuer !== parent.subject) return ["broken", `✗ #${m} is not its issuer`];
  const said = (needle) => findings.some((f) => (f.detail ?? "").includes(needle));
  if (said(`did not sign certificate #${n}`)) return ["broken", `✗ named by #${m}, not signed by it`];
  if (said(`signature of certificate #${n} not checked`)) return ["name-only", "name only (signature not checkable)"];
  return ["verified", `✓ signed by #${m}`];
}

function showDetails(report, p) {
  const leaf = report.certificate;
  el.details.hidden = !leaf;
  el.facts.replaceChildren();
  el.chain.replaceChildren();
  if (!leaf) return;
  const style = FINGERPRINT_STYLE[p] ?? FINGERPRINT_STYLE[""];
  fact(el.facts, "Subject", leaf.subject || "(empty)");
  fact(el.facts, "Names (SAN)", leaf.subjectAltNames.length ? leaf.subjectAltNames.join(", ") : "none");
  fact(el.facts, "Issuer", leaf.issuer);
  fact(el.facts, "Valid", `${leaf.notBefore} → ${leaf.notAfter} (${daysLeft(leaf.notAfter)})`);
  const key = leaf.curve ? `${leaf.keyAlgorithm} ${leaf.curve}` : `${leaf.keyAlgorithm} ${leaf.keyBits} bits`;
  fact(el.facts, "Key", key);
  if (report.privateKey) {
    const k = report.privateKey;
    fact(el.facts, "Private key", `${k.format}, ${k.keyAlgorithm}${k.curve ? " " + k.curve : k.keyBits ? ` ${k.keyBits} bits` : ""}`);
  }
  fact(el.facts, "Signature", leaf.signatureAlgorithm);
  fact(el.facts, "SHA-1", fingerprintNode(style(leaf.fingerprintSha1), "SHA-1 fingerprint"));
  fact(el.facts, "SHA-256", fingerprintNode(style(leaf.fingerprintSha256), "SHA-256 fingerprint"));
  const findings = [...(last?.errors ?? []), ...(last?.warnings ?? [])];
  report.chain.forEach((c, i) => {
    const li = document.createElement("li");
    li.append(text("span", c.commonName ?? c.subject));
    const [cls, label] = linkStatus(report.chain, i, findings);
    li.append(text("span", label, `link ${cls}`));
    el.chain.append(li);
  });
  el.chainRoots.textContent = rootsNote(last?.roots);
}

/** Which roots the chain was checked against (the validator's `roots` label, null without any). */
function rootsNote(roots) {
  if (!roots) return "Checked without a list of trusted roots: a chain counts as complete when it ends at a self-signed certificate.";
  const extra = roots.extra > 0 ? `, and ${plural(roots.extra, "root")} this proxy's operator added (EXTRA_ROOTS)` : "";
  return `Checked against Mozilla's ${roots.mozilla} trusted roots (${roots.date})${extra}.`;
}

/** The canonical PEM, when it differs from what was typed ("use this" puts it in the fields). */
function showNormalized(report) {
  const n = report.normalized;
  const certChanged = n && !same(n.certificate, el.certificate.value);
  const keyChanged = n?.privateKey !== undefined && !same(n.privateKey, el.privateKey.value);
  el.normalized.hidden = !(certChanged || keyChanged);
  el.normalizedCert.hidden = !certChanged;
  el.normalizedCert.textContent = certChanged ? n.certificate : "";
  el.normalizedKeyNote.hidden = !keyChanged;
}

function show(answer) {
  if (answer.failure) {
    setStatus("error", "✗", `The checker failed: ${answer.failure.message}`);
    return;
  }
  const p = provider();
  if (!el.certificate.value.trim() && !(p === "aliyun-cas" && el.sm2.checked)) {
    // Nothing to check yet: no "missing parameter" noise before the user has typed anything.
    last = null;
    el.findings.replaceChildren();
    setStatus("idle", "…", "Paste or drop a certificate (and its key) to check it.");
    el.details.hidden = true;
    el.normalized.hidden = true;
    renderChainFix();
    updateUploadButton();
    return;
  }
  last = answer;
  const { report, errors, warnings } = answer;
  const items = [...errors.map((f) => findingItem(f, "error")), ...warnings.map((f) => findingItem(f, "warning"))];
  el.findings.replaceChildren(...items);
  const where = p ? PROVIDERS[p] : "any provider";
  if (errors.length) {
    setStatus("error", "✗", `${errors.length} error${errors.length === 1 ? "" : "s"}: ${where} would refuse this upload (${errors[0].code}).`);
  } else if (warnings.length) {
    setStatus("warning", "⚠", `${p ? `${where} would accept it` : "Valid"}, with ${warnings.length} warning${warnings.length === 1 ? "" : "s"}.`);
  } else {
    setStatus("ok", "✓", p ? `Ready: ${where} would accept this upload.` : "Valid: the key belongs to the certificate.");
  }
  showDetails(report, p);
  showNormalized(report);
  renderChainFix();
  updateUploadButton();
}

function updateUploadButton() {
  const p = provider();
  let why = "";
  if (!p) why = "Choose a provider to upload.";
  else if (health.upload === "disabled") why = "This proxy runs live without a PROXY_TOKEN: uploads are disabled.";
  else if (last?.errors?.length) why = "The provider would refuse this; Upload shows its exact answer.";
  el.upload.disabled = !p || health.upload === "disabled";
  el.uploadHint.textContent = why;
}

// ---- completing the chain (/api/chain) ------------------------------------------------------

/**
 * The proxy's answer for one Certificate text: `sent` is the text it was asked about, so an answer
 * is shown only while the field still holds that text. `applied` is the completion "Use this" put
 * in the field. Nothing reaches the field but through "Use this".
 */
const chainFix = { busy: false, sent: null, answer: null, failure: "", applied: null };

function chainFindings() {
  return [...(last?.errors ?? []), ...(last?.warnings ?? [])];
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why each URL gave nothing usable, in the proxy's and the checker's words. */
function chainProblems(answer) {
  const out = [];
  for (const f of answer.fetches ?? []) {
    if (f.error) out.push([f.url, f.error]);
    else if (f.status !== undefined && f.status !== 200) out.push([f.url, `the server answered HTTP ${f.status}`]);
  }
  for (const f of answer.findings ?? []) out.push([null, f.detail || f.message]);
  return out;
}

function addedItem(c, style) {
  const li = document.createElement("li");
  li.append(text("p", c.subject || "(empty subject)", "added-subject"));
  const dl = document.createElement("dl");
  dl.className = "facts";
  fact(dl, "Issuer", c.issuer);
  fact(dl, "Fetched from", text("code", c.url));
  if (c.notAfter) fact(dl, "Valid until", `${c.notAfter} (${daysLeft(c.notAfter)})`);
  fact(dl, "SHA-256", fingerprintNode(style(c.fingerprintSha256), `SHA-256 fingerprint of ${c.subject}`));
  li.append(dl);
  return li;
}

function problemItem([url, why]) {
  const li = document.createElement("li");
  if (url) li.append(text("code", url), ": ");
  li.append(why);
  return li;
}

/** The chain-completion block, from the latest findings and the proxy's latest answer. */
function renderChainFix() {
  const field = el.certificate.value;
  if (chainFix.sent !== null && chainFix.sent !== field && !chainFix.busy) {
    // The text changed: the answer was about another bundle.
    chainFix.sent = null;
    chainFix.answer = null;
    chainFix.failure = "";
  }
  if (chainFix.applied && !same(chainFix.applied.certificate, field)) chainFix.applied = null;
  const incomplete = chainFindings().find((f) => f.kind === "ChainIncomplete");
  const chain = last?.report?.chain ?? [];
  const tail = chain[chain.length - 1];
  const urls = tail?.caIssuers ?? [];
  const answer = chainFix.answer;
  const applied = chainFix.applied;
  const style = FINGERPRINT_STYLE[provider()] ?? FINGERPRINT_STYLE[""];

  const offer = Boolean(incomplete && urls.length);
  el.chainFix.hidden = !(chainFix.busy || answer || chainFix.failure || applied || offer);
  if (el.chainFix.hidden) {
    el.chainFixStatus.textContent = "";
    return;
  }
  el.fetchChain.setAttribute("aria-disabled", String(chainFix.busy));
  el.chainFixResult.hidden = true;
  el.useChain.hidden = true;
  el.chainAdded.replaceChildren();
  el.chainProblems.replaceChildren();

  if (applied && !chainFix.busy) {
    const a = applied.answer;
    const root = a.added[a.added.length - 1]?.issuer;
    el.chainFixTitle.textContent = "Chain completed";
    el.chainFixIntro.textContent =
      `The field holds the bundle with ${plural(a.added.length, "fetched certificate")} added, each verified by its signature.` +
      (a.complete && root ? ` It reaches its root, ${root}, which clients hold and uploads leave out.` : "");
    if (incomplete && a.complete) {
      el.chainFixIntro.textContent += last?.roots
        ? " The proxy found the root, but it is not among the roots this page trusts, so the warning above still names it."
        : " This page checks without a list of trusted roots, so the warning above still names the root.";
    }
    el.fetchChain.hidden = !(incomplete && urls.length && !a.complete);
    if (!chainFix.failure && !answer) el.chainFixStatus.textContent = "";
    return;
  }

  el.chainFixTitle.textContent = "Missing intermediate";
  el.chainFixIntro.replaceChildren();
  if (tail && urls.length) {
    el.chainFixIntro.append(
      `${tail.subject || "The last certificate"} names where its issuer${tail.issuer ? `, ${tail.issuer},` : ""} can be fetched: `,
    );
    urls.forEach((u, i) => el.chainFixIntro.append(i ? ", " : "", text("code", u)));
    el.chainFixIntro.append(
      `. The proxy fetches ${urls.length === 1 ? "it" : "them"} and keeps only a certificate that signed this one; the field changes only if you choose “Use this”.`,
    );
  }
  el.fetchChain.hidden = false;

  if (chainFix.busy) {
    el.chainFixStatus.textContent = "Fetching the issuer through the proxy…";
    return;
  }
  if (chainFix.failure) {
    el.chainFixStatus.textContent = chainFix.failure;
    return;
  }
  if (!answer) {
    el.chainFixStatus.textContent = "";
    return;
  }
  const problems = chainProblems(answer);
  el.chainFixResult.hidden = false;
  el.chainProblems.replaceChildren(...problems.map(problemItem));
  el.chainProblemsBlock.hidden = problems.length === 0;
  if (answer.added.length) {
    el.chainAdded.hidden = false;
    el.chainAdded.replaceChildren(...answer.added.map((c) => addedItem(c, style)));
    el.chainFixStatus.textContent =
      `Found ${plural(answer.added.length, "certificate")} that complete${answer.added.length === 1 ? "s" : ""} the chain` +
      (answer.complete ? ", up to its root." : ", but not up to a root.") +
      " Nothing is in the field until you choose “Use this”.";
    el.fetchChain.hidden = true;
    el.useChain.hidden = false;
  } else if (answer.complete) {
    el.chainAdded.hidden = true;
    el.fetchChain.hidden = true;
    el.chainFixStatus.textContent = `Nothing is missing: the chain reaches its root${tail?.issuer ? `, ${tail.issuer},` : ""} which clients hold and uploads leave out.`;
  } else {
    el.chainAdded.hidden = true;
    el.chainFixStatus.textContent = problems.length
      ? "Nothing was added."
      : "Nothing was added: the proxy found no certificate that signed this one.";
  }
}

async function fetchChain() {
  if (chainFix.busy) return;
  const sent = el.certificate.value;
  const hadFocus = document.activeElement === el.fetchChain;
  Object.assign(chainFix, { busy: true, sent, answer: null, failure: "" });
  renderChainFix();
  let answer = null;
  let failure = "";
  try {
    const res = await fetch("/api/chain", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ certificate: sent }),
    });
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON: said below
    }
    if (res.ok && Array.isArray(body?.added)) answer = body;
    else if (body?.error?.message) failure = `The proxy did not fetch it: ${body.error.message}`;
    else if (res.status === 404) failure = "This proxy cannot fetch issuers (it has no /api/chain).";
    else failure = `The proxy answered HTTP ${res.status} without a result.`;
  } catch {
    failure = "The proxy could not be reached.";
  }
  chainFix.busy = false;
  if (el.certificate.value !== sent) {
    // Edited meanwhile: the answer is about a bundle no longer in the field.
    Object.assign(chainFix, { sent: null, answer: null, failure: "" });
    renderChainFix();
    el.chainFixStatus.textContent = "The certificate changed while the proxy was fetching; nothing was kept.";
    return;
  }
  Object.assign(chainFix, { answer, failure });
  renderChainFix();
  // Focus to what comes next: "Use this" when there is something to use, else the block's title
  // (the fetch button is gone) or the fetch button itself (to try again).
  if (hadFocus || document.activeElement === document.body) {
    if (!el.useChain.hidden) el.useChain.focus();
    else if (el.fetchChain.hidden) el.chainFixTitle.focus();
    else el.fetchChain.focus();
  }
}

function useChain() {
  const answer = chainFix.answer;
  if (!answer || chainFix.sent !== el.certificate.value) return;
  el.certificate.value = answer.certificate;
  Object.assign(chainFix, { sent: null, answer: null, failure: "", applied: { certificate: answer.certificate, answer } });
  schedule(0);
  renderChainFix();
  el.certificate.focus();
}

// ---- the form's shape per provider ----------------------------------------------------------

function fillRegions() {
  const p = provider();
  const list = regionsByProvider[p] ?? [];
  const previous = el.region.value;
  el.region.replaceChildren();
  if (!p) {
    el.region.append(new Option("(choose a provider)", ""));
    el.region.disabled = true;
    return;
  }
  el.region.disabled = false;
  if (p === "tencent-ssl") el.region.append(new Option("(global endpoint; no region needed)", ""));
  for (const r of list) el.region.append(new Option(r, r));
  const fallback = p === "aliyun-slb" ? "cn-hangzhou" : "";
  el.region.value = list.includes(previous) ? previous : list.includes(fallback) ? fallback : el.region.options[0]?.value ?? "";
}

function shapeForm() {
  const p = provider();
  fillRegions();
  el.nameField.hidden = !p;
  if (p) {
    el.nameLabel.textContent = p === "tencent-ssl" ? "Alias" : "Name";
    el.nameParam.textContent = NAME_PARAM[p] + (p === "aliyun-cas" ? "" : " (optional)");
  }
  el.typeField.hidden = p !== "tencent-ssl";
  el.eccField.hidden = p !== "aliyun-slb";
  el.sm2Field.hidden = p !== "aliyun-cas";
  el.sm2Pems.hidden = !(p === "aliyun-cas" && el.sm2.checked);
  el.uploadResult.hidden = true;
  updateUploadButton();
}

// ---- input events ---------------------------------------------------------------------------

let checker;
let timer = 0;
function schedule(delay = 150) {
  clearTimeout(timer);
  timer = setTimeout(() => checker.check(currentCall()), delay);
}

function readFileInto(file, field) {
  if (!file) return;
  if (file.size > 1024 * 1024) {
    setStatus("error", "✗", `${file.name} is ${file.size} bytes; a PEM file is a few kilobytes (limit 1 MiB).`);
    return;
  }
  file.text().then((t) => {
    field.value = t;
    schedule(0);
  });
}

function wireDrop(field) {
  field.addEventListener("dragover", (e) => {
    e.preventDefault();
    field.classList.add("dragging");
  });
  field.addEventListener("dragleave", () => field.classList.remove("dragging"));
  field.addEventListener("drop", (e) => {
    e.preventDefault();
    field.classList.remove("dragging");
    readFileInto(e.dataTransfer?.files?.[0], field);
  });
}

// ---- upload ---------------------------------------------------------------------------------

function resultFacts(pairs) {
  const dl = document.createElement("dl");
  dl.className = "facts";
  for (const [k, v] of pairs) if (v !== undefined && v !== null && v !== "") fact(dl, k, v instanceof Node ? v : String(v));
  return dl;
}

function showUpload(status, body, mode) {
  const box = el.uploadResult;
  box.hidden = false;
  box.replaceChildren();
  const p = provider();
  const response = body?.Response ?? body;
  const error = body?.Response?.Error ?? (body?.Code ? { Code: body.Code, Message: body.Message } : null);
  const heading = document.createElement("h3");
  if (body?.error) {
    box.className = "upload-result error";
    heading.textContent = `✗ The proxy refused: ${body.error.code}`;
    box.append(heading, text("p", body.error.message));
    return;
  }
  if (error) {
    box.className = "upload-result error";
    heading.textContent = `✗ ${PROVIDERS[p]} answered ${error.Code}`;
    box.append(heading, resultFacts([["HTTP status", status], ["Message", error.Message], ["Request id", response.RequestId]]));
  } else {
    box.className = "upload-result ok";
    heading.textContent = "✓ Uploaded";
    const id = response.ServerCertificateId ?? response.CertId ?? response.CertificateId;
    const sha1 = response.Fingerprint ?? last?.report?.certificate?.fingerprintSha1;
    box.append(
      heading,
      resultFacts([
        ["Certificate id", id],
        ["Already uploaded as", response.RepeatCertId],
        ["SHA-1 fingerprint", sha1 ? fingerprintNode(FINGERPRINT_STYLE[p](sha1), "uploaded fingerprint") : null],
        ["Expires", response.ExpireTime],
        ["Request id", response.RequestId],
      ]),
    );
  }
  if (mode === "mock") {
    const badge = text("span", "mock", "badge");
    badge.title = "Answered by the proxy's built-in mock cloud: nothing was sent to a real provider.";
    heading.append(" ", badge);
  }
}

async function upload(event) {
  event.preventDefault();
  const call = currentCall();
  if (!call.provider) return;
  el.upload.disabled = true;
  el.uploadHint.textContent = "Uploading through the proxy…";
  const headers = { "content-type": "application/json" };
  if (health.upload === "token") headers.authorization = `Bearer ${el.token.value}`;
  try {
    const res = await fetch("/api/upload", {
      method: "POST",
      headers,
      body: JSON.stringify({ provider: call.provider, params: call.params, options: call.options }),
    });
    let body;
    try {
      body = await res.json();
    } catch {
      body = { error: { code: `HTTP ${res.status}`, message: "the proxy did not answer with JSON" } };
    }
    showUpload(res.status, body, res.headers.get("x-cert-preflight-mode") ?? health.mode);
    el.uploadHint.textContent = "";
  } catch {
    el.uploadHint.textContent = "The proxy could not be reached.";
  } finally {
    updateUploadButton();
  }
}

// ---- start ----------------------------------------------------------------------------------

for (const [id, name] of Object.entries(PROVIDERS)) el.provider.append(new Option(name, id));
shapeForm();

checker = new Checker(show, (ready) => {
  regionsByProvider = ready.regions;
  shapeForm();
  schedule(0);
});

form.addEventListener("input", (e) => {
  if (e.target === el.token) return;
  if (e.target === el.provider || e.target === el.sm2) shapeForm();
  schedule();
});
form.addEventListener("change", (e) => {
  if (e.target === el.provider || e.target === el.sm2) {
    shapeForm();
    schedule(0);
  }
});
form.addEventListener("submit", upload);
$("certificate-file").addEventListener("change", (e) => readFileInto(e.target.files[0], el.certificate));
$("private-key-file").addEventListener("change", (e) => readFileInto(e.target.files[0], el.privateKey));
wireDrop(el.certificate);
wireDrop(el.privateKey);
el.fetchChain.addEventListener("click", fetchChain);
el.useChain.addEventListener("click", useChain);
el.useNormalized.addEventListener("click", () => {
  const n = last?.report?.normalized;
  if (!n) return;
  el.certificate.value = n.certificate;
  if (n.privateKey !== undefined) el.privateKey.value = n.privateKey;
  schedule(0);
  el.certificate.focus();
});

fetch("/api/health")
  .then((r) => r.json())
  .then((h) => {
    health = h;
    el.modeBadge.hidden = false;
    el.modeBadge.textContent = h.mode === "mock" ? "mock cloud" : "live";
    el.modeBadge.classList.toggle("live", h.mode === "live");
    el.modeBadge.title =
      h.mode === "mock"
        ? "The proxy has no cloud credentials: uploads go to its built-in mock of the three APIs."
        : "The proxy signs uploads with real cloud credentials.";
    el.tokenField.hidden = h.upload !== "token";
    updateUploadButton();
  })
  .catch(() => {
    el.uploadHint.textContent = "No proxy answers here: checks work, uploads do not.";
  });
