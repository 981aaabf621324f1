// The demo page: reads the form, has the validation thread (validator.js) check it as you type,
// shows the findings and the certificate's details, and uploads through the proxy (/api/upload).
import { explain } from "./explain.js";
import { initialLanguage, language, setLanguage, t } from "./i18n.js";
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
  language: $("language"),
  pfxNote: $("pfx-note"),
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
      this.onAnswer({ failure: { code: "WorkerFailed", message: t("checker.noStart") } });
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
    const input = { certificate, language: language() };
    if (privateKey.trim()) input.privateKey = privateKey;
    if (passphrase) input.passphrase = passphrase;
    return { provider: "", params: {}, options: {}, input };
  }
  const names = FIELDS[p];
  const params = {};
  // The findings in the page's language, and the upload asks the API for the same (Tencent's
  // X-TC-Language; the Alibaba APIs have no language parameter).
  const options = { language: language() };
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
  head.append(text("span", t(severity === "error" ? "finding.error" : "finding.warning"), "severity"));
  // An error is what the provider would answer: its code and status. A warning is accepted by the
  // provider, so it is named by its kind (the provider's code would mislead).
  const code = text("code", severity === "error" ? f.code : f.kind, "code");
  const alternatives = f.alternatives ?? [];
  if (severity === "error" && alternatives.length) {
    code.classList.add("has-alternatives");
    code.title = t("finding.alternatives", alternatives.join(t("or")));
  }
  head.append(code);
  if (severity === "error") head.append(text("span", `HTTP ${f.httpStatus}`, "meta"));
  head.append(text("span", t("finding.field", f.field), "meta"));
  if (f.confidence === "inferred") {
    const mark = text("span", t("finding.inferred"), "inferred");
    mark.title = t("finding.inferredTitle", alternatives.join(", "));
    head.append(mark);
  }
  li.append(head);
  if (severity === "error" || !f.detail) {
    // The provider's own words, in the language asked for (lang marks them for screen readers).
    const message = text("p", f.message, "message");
    if (/[\u3400-\u9fff]/.test(f.message)) message.lang = "zh-CN";
    li.append(message);
    // An English rendering of a Chinese-only message, for an English page.
    if (f.messageEn && language() === "en-US") li.append(text("p", `${t("finding.messageEn")} ${f.messageEn}`, "message-en"));
  }
  // On a Chinese page, our explanation of the kind in Chinese where the detail would be; the
  // package's detail (English, with the specific values) stays below it, smaller.
  const ours = language() === "zh-CN" ? explain(f.kind, "zh-CN") : null;
  if (ours) li.append(Object.assign(text("p", ours, "explain"), { lang: "zh-CN" }));
  if (f.detail) li.append(Object.assign(text("p", f.detail, ours ? "detail-en" : severity === "error" ? "detail" : ""), { lang: "en" }));
  return li;
}

function daysLeft(notAfter) {
  const days = Math.floor((Date.parse(notAfter) - Date.now()) / 86_400_000);
  if (days < 0) return t("days.expired", -days);
  return t("days.left", days);
}

function copyButton(value, what) {
  const b = text("button", t("copy.button"), "copy");
  b.type = "button";
  b.setAttribute("aria-label", t("copy.label", what));
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(value);
      b.textContent = t("copy.done");
    } catch {
      b.textContent = t("copy.manual");
    }
    setTimeout(() => (b.textContent = t("copy.button")), 1500);
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
      return kinds.has("ChainUntrusted") ? ["open", t("link.selfSignedUntrusted")] : ["verified", t("link.selfSigned")];
    }
    // With roots, no ChainIncomplete means a trusted root issued it (validate checked the signature).
    if (last?.roots && !kinds.has("ChainIncomplete")) return ["verified", t("link.trustedRoot", child.issuer)];
    return ["open", t("link.open")];
  }
  const m = parent.index + 1;
  if (child.issuer !== parent.subject) return ["broken", t("link.notIssuer", m)];
  // The core's details are English (they name the certificates by number): matched as such.
  const said = (needle) => findings.some((f) => (f.detail ?? "").includes(needle));
  if (said(`did not sign certificate #${n}`)) return ["broken", t("link.notSigned", m)];
  if (said(`signature of certificate #${n} not checked`)) return ["name-only", t("link.nameOnly")];
  return ["verified", t("link.signed", m)];
}

function showDetails(report, p) {
  const leaf = report.certificate;
  el.details.hidden = !leaf;
  el.facts.replaceChildren();
  el.chain.replaceChildren();
  if (!leaf) return;
  const style = FINGERPRINT_STYLE[p] ?? FINGERPRINT_STYLE[""];
  fact(el.facts, t("details.subject"), leaf.subject || t("details.empty"));
  fact(el.facts, t("details.san"), leaf.subjectAltNames.length ? leaf.subjectAltNames.join(", ") : t("details.none"));
  fact(el.facts, t("details.issuer"), leaf.issuer);
  fact(el.facts, t("details.valid"), `${leaf.notBefore} → ${leaf.notAfter} (${daysLeft(leaf.notAfter)})`);
  const key = leaf.curve ? `${leaf.keyAlgorithm} ${leaf.curve}` : t("details.keyBits", leaf.keyAlgorithm, leaf.keyBits);
  fact(el.facts, t("details.key"), key);
  if (report.privateKey) {
    const k = report.privateKey;
    const what = k.curve ? `${k.keyAlgorithm} ${k.curve}` : k.keyBits ? t("details.keyBits", k.keyAlgorithm, k.keyBits) : k.keyAlgorithm;
    fact(el.facts, t("details.privateKey"), `${k.format}, ${what}`);
  }
  fact(el.facts, t("details.signature"), leaf.signatureAlgorithm);
  fact(el.facts, "SHA-1", fingerprintNode(style(leaf.fingerprintSha1), t("details.sha1")));
  fact(el.facts, "SHA-256", fingerprintNode(style(leaf.fingerprintSha256), t("details.sha256")));
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
  return roots ? t("roots.some", roots.mozilla, roots.date, roots.extra) : t("roots.none");
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
    setStatus("error", "✗", t("status.failed", answer.failure.message));
    return;
  }
  const p = provider();
  if (!el.certificate.value.trim() && !(p === "aliyun-cas" && el.sm2.checked)) {
    // Nothing to check yet: no "missing parameter" noise before the user has typed anything.
    last = null;
    el.findings.replaceChildren();
    setStatus("idle", "…", t("status.idle"));
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
  const where = p ? t(`provider.${p}`) : t("status.anyProvider");
  if (items.length === 0) el.findings.append(text("li", t("results.noFindings"), "none"));
  if (errors.length) {
    setStatus("error", "✗", t("status.errors", errors.length, where, errors[0].code));
  } else if (warnings.length) {
    setStatus("warning", "⚠", p ? t("status.warningsProvider", where, warnings.length) : t("status.warningsNeutral", warnings.length));
  } else {
    setStatus("ok", "✓", p ? t("status.okProvider", where) : t("status.okNeutral"));
  }
  showDetails(report, p);
  showNormalized(report);
  renderChainFix();
  updateUploadButton();
}

function updateUploadButton() {
  const p = provider();
  let why = "";
  if (!p) why = t("upload.chooseProvider");
  else if (health.upload === "disabled") why = t("upload.disabled");
  else if (last?.errors?.length) why = t("upload.wouldRefuse");
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

/** Why each URL gave nothing usable, in the proxy's and the checker's words. */
function chainProblems(answer) {
  const out = [];
  for (const f of answer.fetches ?? []) {
    if (f.error) out.push([f.url, f.error]);
    else if (f.status !== undefined && f.status !== 200) out.push([f.url, t("chain.httpStatus", f.status)]);
  }
  for (const f of answer.findings ?? []) out.push([null, f.detail || f.message]);
  return out;
}

function addedItem(c, style) {
  const li = document.createElement("li");
  li.append(text("p", c.subject || t("chain.emptySubject"), "added-subject"));
  const dl = document.createElement("dl");
  dl.className = "facts";
  fact(dl, t("details.issuer"), c.issuer);
  fact(dl, t("chain.fetchedFrom"), text("code", c.url));
  if (c.notAfter) fact(dl, t("chain.validUntil"), `${c.notAfter} (${daysLeft(c.notAfter)})`);
  fact(dl, "SHA-256", fingerprintNode(style(c.fingerprintSha256), t("chain.fingerprintOf", c.subject)));
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
    el.chainFixTitle.textContent = t("chain.completed");
    el.chainFixIntro.textContent = t("chain.appliedIntro", a.added.length) + (a.complete && root ? t("chain.appliedRoot", root) : "");
    if (incomplete && a.complete) el.chainFixIntro.textContent += t(last?.roots ? "chain.rootUntrusted" : "chain.noRoots");
    el.fetchChain.hidden = !(incomplete && urls.length && !a.complete);
    if (!chainFix.failure && !answer) el.chainFixStatus.textContent = "";
    return;
  }

  el.chainFixTitle.textContent = t("chain.title");
  el.chainFixIntro.replaceChildren();
  if (tail && urls.length) {
    el.chainFixIntro.append(t("chain.namesWhere", tail.subject, tail.issuer));
    urls.forEach((u, i) => el.chainFixIntro.append(i ? t("chain.listSeparator") : "", text("code", u)));
    el.chainFixIntro.append(t("chain.proxyFetches", urls.length));
  }
  el.fetchChain.hidden = false;

  if (chainFix.busy) {
    el.chainFixStatus.textContent = t("chain.busy");
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
    el.chainFixStatus.textContent = t("chain.found", answer.added.length, answer.complete);
    el.fetchChain.hidden = true;
    el.useChain.hidden = false;
  } else if (answer.complete) {
    el.chainAdded.hidden = true;
    el.fetchChain.hidden = true;
    el.chainFixStatus.textContent = t("chain.nothingMissing", tail?.issuer);
  } else {
    el.chainAdded.hidden = true;
    el.chainFixStatus.textContent = t(problems.length ? "chain.nothingAdded" : "chain.nothingSigned");
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
    else if (body?.error?.message) failure = t("chain.proxyRefused", body.error.message);
    else if (res.status === 404) failure = t("chain.noRoute");
    else failure = t("chain.noResult", res.status);
  } catch {
    failure = t("chain.unreachable");
  }
  chainFix.busy = false;
  if (el.certificate.value !== sent) {
    // Edited meanwhile: the answer is about a bundle no longer in the field.
    Object.assign(chainFix, { sent: null, answer: null, failure: "" });
    renderChainFix();
    el.chainFixStatus.textContent = t("chain.changed");
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
    el.region.append(new Option(t("form.regionNone"), ""));
    el.region.disabled = true;
    return;
  }
  el.region.disabled = false;
  if (p === "tencent-ssl") el.region.append(new Option(t("form.regionGlobal"), ""));
  for (const r of list) el.region.append(new Option(r, r));
  const fallback = p === "aliyun-slb" ? "cn-hangzhou" : "";
  el.region.value = list.includes(previous) ? previous : list.includes(fallback) ? fallback : el.region.options[0]?.value ?? "";
}

function shapeForm() {
  const p = provider();
  fillRegions();
  el.nameField.hidden = !p;
  if (p) {
    el.nameLabel.textContent = t(p === "tencent-ssl" ? "form.alias" : "form.name");
    el.nameParam.textContent = p === "aliyun-cas" ? NAME_PARAM[p] : t("form.optional", NAME_PARAM[p]);
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

// ---- files: PEM text, DER bytes, PKCS#12 (PFX) containers ------------------------------------

/**
 * A second validation thread for files read as bytes, so a PFX's key derivation (Firefox's run
 * 1.8 M iterations) never holds up the live checks. Started on the first binary file. Nothing it
 * reads leaves the page: it answers with the PEM text the fields then hold.
 */
class Converter {
  constructor() {
    this.worker = null;
    this.seq = 0;
    this.waiting = new Map();
  }

  start() {
    this.worker = new Worker(new URL("./validator.js", import.meta.url), { type: "module" });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (e) => {
        if (e.data.type === "ready") return resolve();
        this.waiting.get(e.data.id)?.(e.data);
        this.waiting.delete(e.data.id);
      };
      this.worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(t("checker.noStart")));
      };
    });
  }

  /** `input` (bytes as Uint8Array) → `{ normalized, certificate, privateKey, errors, warnings }` or `{ failure }`. */
  async convert(input) {
    if (!this.worker) this.start();
    try {
      await this.ready;
    } catch (e) {
      return { failure: { message: e.message } };
    }
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ type: "convert", id, input });
    });
  }
}
const converter = new Converter();

/** The PEM label of a DER private key, by the format the package read in it. */
const KEY_LABEL = { "PKCS#1": "RSA PRIVATE KEY", "PKCS#8": "PRIVATE KEY", SEC1: "EC PRIVATE KEY", encrypted: "ENCRYPTED PRIVATE KEY" };

/** `bytes` as a PEM block (64-column base64, as the providers store it). */
function pemBlock(label, bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const b64 = btoa(binary).replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The file's text when it is text (PEM, bare base64), else null: bytes are never read as text. */
function asText(bytes) {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return /^[\t\n\r\x20-\x7e]*$/.test(text.replace(/^\ufeff/, "")) || text.includes("-----BEGIN ") ? text : null;
  } catch {
    return null;
  }
}

/** A PKCS#12 file: named so, or DER `SEQUENCE { INTEGER 3, … }` (RFC 7292 PFX version 3). */
function isPfx(bytes, name) {
  if (/\.(p12|pfx)$/i.test(name)) return true;
  if (bytes[0] !== 0x30) return false;
  const first = bytes[1] < 0x80 ? 2 : bytes[1] === 0x80 ? 2 : 2 + (bytes[1] & 0x7f);
  return bytes[first] === 0x02 && bytes[first + 1] === 0x01 && bytes[first + 2] === 0x03;
}

/** The PFX the Passphrase field is opening: `{ name, bytes, seq }`, until its pair is in the fields. */
let pfx = null;
let pfxTimer = 0;

function pfxNote(message) {
  el.pfxNote.hidden = !message;
  el.pfxNote.textContent = message;
}

async function openPfx() {
  if (!pfx) return;
  const mine = { ...pfx, seq: (pfx.seq ?? 0) + 1 };
  pfx = mine;
  const passphrase = el.passphrase.value;
  pfxNote(t("pfx.opening", mine.name));
  const answer = await converter.convert({ pfx: mine.bytes, language: language(), ...(passphrase ? { passphrase } : {}) });
  if (pfx !== mine) return; // another file, or another password typed meanwhile
  if (answer.failure) return pfxNote(t("pfx.failed", mine.name, answer.failure.message));
  const kinds = answer.errors.map((f) => f.kind);
  if (kinds.includes("PfxPasswordIncorrect") || (kinds.includes("PrivateKeyEncrypted") && !answer.normalized)) {
    pfxNote(t(passphrase ? "pfx.wrongPassword" : "pfx.needsPassword", mine.name));
    if (!passphrase) el.passphrase.focus();
    return;
  }
  if (!answer.normalized) return pfxNote(t("pfx.failed", mine.name, answer.errors[0]?.message ?? ""));
  el.certificate.value = answer.normalized.certificate;
  el.privateKey.value = answer.normalized.privateKey ?? "";
  el.passphrase.value = ""; // it opened the file; the key in the field is not encrypted
  pfx = null;
  const unused = answer.warnings.filter((f) => f.kind === "PfxContentUnused").map((f) => ` ${f.detail ?? f.message}`);
  pfxNote(t("pfx.opened", mine.name) + unused.join(""));
  schedule(0);
  el.certificate.focus();
}

/** A binary (DER) certificate or key: the package reads it; the field gets its PEM text. */
async function readDer(name, bytes, field) {
  const isKey = field === el.privateKey;
  const answer = await converter.convert(isKey ? { privateKey: bytes, language: language() } : { certificate: bytes, language: language() });
  const found = isKey ? answer.privateKey : answer.normalized?.certificate;
  if (answer.failure || !found || (isKey && !KEY_LABEL[found.format])) {
    const why = answer.failure?.message ?? answer.errors?.find((f) => f.kind !== "CertificateMissing")?.message ?? "";
    setStatus("error", "✗", t("der.failed", name, why));
    return;
  }
  field.value = isKey ? pemBlock(KEY_LABEL[found.format], bytes) : found;
  pfxNote(t("der.converted", name));
  schedule(0);
}

async function readFileInto(file, field) {
  if (!file) return;
  if (file.size > 1024 * 1024) {
    setStatus("error", "✗", t("status.fileTooLarge", file.name, file.size));
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isPfx(bytes, file.name)) {
    pfx = { name: file.name, bytes };
    return openPfx();
  }
  const text = asText(bytes);
  if (text === null) return readDer(file.name, bytes, field);
  field.value = text;
  schedule(0);
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
    heading.textContent = t("upload.proxyRefused", body.error.code);
    box.append(heading, text("p", body.error.message));
    return;
  }
  if (error) {
    box.className = "upload-result error";
    heading.textContent = t("upload.providerAnswered", t(`provider.${p}`), error.Code);
    const message = text("span", error.Message);
    if (/[\u3400-\u9fff]/.test(error.Message ?? "")) message.lang = "zh-CN";
    box.append(heading, resultFacts([[t("upload.httpStatus"), status], [t("upload.message"), message], [t("upload.requestId"), response.RequestId]]));
  } else {
    box.className = "upload-result ok";
    heading.textContent = t("upload.done");
    const id = response.ServerCertificateId ?? response.CertId ?? response.CertificateId;
    const sha1 = response.Fingerprint ?? last?.report?.certificate?.fingerprintSha1;
    box.append(
      heading,
      resultFacts([
        [t("upload.certificateId"), id],
        [t("upload.repeat"), response.RepeatCertId],
        [t("upload.sha1"), sha1 ? fingerprintNode(FINGERPRINT_STYLE[p](sha1), t("upload.sha1Label")) : null],
        [t("upload.expires"), response.ExpireTime],
        [t("upload.requestId"), response.RequestId],
      ]),
    );
  }
  if (mode === "mock") {
    const badge = text("span", t("upload.mock"), "badge");
    badge.title = t("upload.mockTitle");
    heading.append(" ", badge);
  }
}

async function upload(event) {
  event.preventDefault();
  const call = currentCall();
  if (!call.provider) return;
  el.upload.disabled = true;
  el.uploadHint.textContent = t("upload.sending");
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
      body = { error: { code: `HTTP ${res.status}`, message: t("upload.notJson") } };
    }
    showUpload(res.status, body, res.headers.get("x-cert-preflight-mode") ?? health.mode);
    el.uploadHint.textContent = "";
  } catch {
    el.uploadHint.textContent = t("upload.unreachable");
  } finally {
    updateUploadButton();
  }
}

// ---- start ----------------------------------------------------------------------------------

/** The proxy's mode badge, in the page's language. */
function showMode() {
  if (health.absent || !health.mode) return;
  el.modeBadge.hidden = false;
  el.modeBadge.textContent = t(health.mode === "mock" ? "mode.mock" : "mode.live");
  el.modeBadge.classList.toggle("live", health.mode === "live");
  el.modeBadge.title = t(health.mode === "mock" ? "mode.mockTitle" : "mode.liveTitle");
}

/** Everything the page wrote in one language, written again in the other. */
function retranslate() {
  for (const option of el.provider.options) if (option.value) option.textContent = t(`provider.${option.value}`);
  el.language.value = language();
  shapeForm();
  showMode();
  if (health.absent) el.uploadHint.textContent = t("mode.noProxy");
  if (last) show(last);
  // The providers' messages come in the new language from a new check.
  if (checker?.ready) schedule(0);
  renderChainFix();
}

for (const id of Object.keys(PROVIDERS)) el.provider.append(new Option(id, id));
setLanguage(initialLanguage());
retranslate();
el.language.addEventListener("change", () => {
  setLanguage(el.language.value, { remember: true });
  retranslate();
});

checker = new Checker(show, (ready) => {
  regionsByProvider = ready.regions;
  shapeForm();
  schedule(0);
});

form.addEventListener("input", (e) => {
  if (e.target === el.token) return;
  if (e.target === el.passphrase && pfx) {
    // The password of the PFX being opened: tried once typing pauses.
    clearTimeout(pfxTimer);
    pfxTimer = setTimeout(openPfx, 300);
    return;
  }
  // Typing in a field ends what a file said of it.
  if (e.target === el.certificate || e.target === el.privateKey) {
    pfx = null;
    pfxNote("");
  }
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
    showMode();
    el.tokenField.hidden = h.upload !== "token";
    updateUploadButton();
  })
  .catch(() => {
    health = { ...health, absent: true };
    el.uploadHint.textContent = t("mode.noProxy");
  });
