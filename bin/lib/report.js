// The verdict (validate, plus the request parameters' rules via buildRequest) and its rendering for
// a person reading a hook's log: the verdict line in the provider's words first, then each finding,
// then the leaf and its fingerprints as the chosen cloud prints them.

/** Which request parameter each flag fills, per provider (the names the findings use in `field`). */
const FIELDS = {
  "aliyun-slb": { region: "RegionId", name: "ServerCertificateName" },
  "aliyun-cas": { region: "region", name: "Name" },
  "tencent-ssl": { region: "region", name: "Alias", type: "CertificateType" },
};

/** The upload parameters (the API's own names) and buildRequest options for the inputs. */
export function requestFor(provider, { certificate, privateKey, region, name, type }) {
  if (provider === "aliyun-slb") {
    return {
      params: { RegionId: region ?? "", ServerCertificate: certificate, PrivateKey: privateKey ?? "", ...(name !== undefined ? { ServerCertificateName: name } : {}) },
      options: {},
    };
  }
  if (provider === "aliyun-cas") {
    return { params: { Name: name ?? "", Cert: certificate, Key: privateKey ?? "" }, options: region ? { region } : {} };
  }
  return {
    params: {
      CertificatePublicKey: certificate,
      CertificatePrivateKey: privateKey ?? "",
      ...(type ? { CertificateType: type } : {}),
      ...(name !== undefined ? { Alias: name } : {}),
    },
    options: region ? { region } : {},
  };
}

const same = (a, b) => a.kind === b.kind && a.field === b.field && a.code === b.code;

/**
 * validate() and, with a provider, buildRequest(): `{ report, request }`. Parameter findings of
 * buildRequest (name, region, type rules) are merged into the report; `fields` limits them to the
 * parameters the caller set (check: only what was given; upload: every parameter).
 * `request` is the unsigned ApiRequest when the provider would accept the upload. `input.language`,
 * when set, goes to both: buildRequest then asks the API for the language the check used.
 */
export function assess(core, input, { params, options, fields = null } = {}) {
  const report = core.validate(input);
  let request = null;
  if (input.provider && params) {
    try {
      request = core.buildRequest(input.provider, params, { ...options, now: input.now ?? undefined, ...(input.passphrase != null ? { passphrase: input.passphrase } : {}), ...(input.maxKdfCost ? { maxKdfCost: input.maxKdfCost } : {}), ...(input.language ? { language: input.language } : {}) });
    } catch (e) {
      if (!Array.isArray(e?.findings)) throw e;
      for (const [list, found] of [["errors", e.errors ?? []], ["warnings", e.warnings ?? []]]) {
        for (const f of found) {
          if (!f.kind.startsWith("Parameter")) continue;
          if (fields && !fields.includes(f.field)) continue;
          if (![...report.errors, ...report.warnings].some((g) => same(f, g))) report[list].push(f);
        }
      }
      report.ok = report.errors.length === 0;
    }
  }
  if (!report.ok) request = null;
  return { report, request };
}

/** The parameter fields a `check` filled from its flags (so only those rules are reported). */
export function fieldsGiven(provider, values) {
  const map = FIELDS[provider] ?? {};
  return ["region", "name", "type"].filter((f) => values[f] !== undefined && map[f]).map((f) => map[f]);
}

/** The report as it may be printed: never the normalized private key. */
export function publicReport(report) {
  if (!report?.normalized) return report;
  const { privateKey, ...normalized } = report.normalized;
  return { ...report, normalized };
}

const DAY = 86_400_000;

/** Whole days from `now` to the leaf's notAfter (negative once expired). */
export function daysLeft(cert, now) {
  return Math.floor((Date.parse(cert.notAfter) - now) / DAY);
}

/** The fingerprints as the chosen cloud shows them (PROVIDERS.md "Fingerprint"): [label, value, note]. */
export function cloudFingerprints(provider, cert) {
  const hexUpper = (s) => s.replace(/:/g, "").toUpperCase();
  if (provider === "aliyun-slb") return [["Fingerprint", cert.fingerprintSha1, "SHA-1, as CLB shows it"], ["SHA-256", cert.fingerprintSha256, ""]];
  if (provider === "aliyun-cas") return [["Fingerprint", hexUpper(cert.fingerprintSha1), "SHA-1, as CAS shows it"], ["Sha2", hexUpper(cert.fingerprintSha256), "SHA-256"]];
  if (provider === "tencent-ssl") return [["CertFingerprint", cert.fingerprintSha1, "SHA-1"], ["SHA-256", cert.fingerprintSha256, ""]];
  return [["SHA-1", cert.fingerprintSha1, ""], ["SHA-256", cert.fingerprintSha256, ""]];
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The verdict line: the provider's own code, status and message first when it would refuse. */
export function verdictLine(report, provider, paint) {
  const who = provider ?? "provider-neutral checks";
  const warn = report.warnings.length ? ` (${plural(report.warnings.length, "warning")})` : "";
  if (report.errors.length) {
    const e = report.errors[0];
    return `${paint.bold(paint.red("REFUSED"))}  ${paint.bold(e.code)} (HTTP ${e.httpStatus}): ${e.message}  ${paint.dim(`— ${who}`)}`;
  }
  return provider
    ? `${paint.bold(paint.green("ACCEPTED"))}  ${provider} would take this upload${warn}`
    : `${paint.bold(paint.green("OK"))}  no errors${warn} ${paint.dim("— provider-neutral checks; --provider gives a cloud's rules and words")}`;
}

function findingLines(f, severity, paint) {
  const tag = severity === "error" ? paint.red("error  ") : paint.yellow("warning");
  const lines = [
    `  ${tag}  ${paint.bold(f.code)}  HTTP ${f.httpStatus}  field ${f.field}  ${paint.dim(`(${f.confidence})`)}`,
    `           ${f.message}`,
  ];
  // An English rendering of a message that is not English (the package gives it only then).
  if (f.messageEn) lines.push(`           ${paint.dim(f.messageEn)}`);
  if (f.code !== f.kind) lines.push(`           ${paint.dim(`kind ${f.kind}`)}`);
  if (f.detail) lines.push(`           ${paint.dim(f.detail)}`);
  if (f.alternatives?.length) lines.push(`           ${paint.dim(`also answered for this: ${f.alternatives.join(", ")}`)}`);
  return lines;
}

/** The leaf's lines: subject, SANs, issuer, expiry with days left, key, chain, fingerprints. */
export function leafLines(report, provider, now, paint) {
  const cert = report.certificate;
  if (!cert) return [`${paint.dim("leaf")}       no certificate could be read`];
  const days = daysLeft(cert, now);
  const left = days < 0 ? paint.red(`expired ${plural(-days, "day")} ago`) : days < 30 ? paint.yellow(`${plural(days, "day")} left`) : `${plural(days, "day")} left`;
  const rows = [
    ["leaf", cert.subject],
    ["SANs", cert.subjectAltNames.length ? cert.subjectAltNames.join(", ") : "(none)"],
    ["issuer", cert.issuer],
    ["expires", `${cert.notAfter} (${left})`],
    ["key", keyLine(report)],
    ["chain", `${plural(report.chain.length, "certificate")}${report.chain.length > 1 ? ", leaf first" : ""}`],
    ...cloudFingerprints(provider, cert).map(([label, value, note]) => [label, note ? `${value}  ${paint.dim(`(${note})`)}` : value]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${paint.dim(k.padEnd(width))}  ${v}`);
}

function keyLine(report) {
  const k = report.privateKey;
  const cert = report.certificate;
  const certKey = cert ? `${cert.keyAlgorithm}${cert.curve ? ` ${cert.curve}` : cert.keyBits ? ` ${cert.keyBits}` : ""}` : "";
  if (!k) return `${certKey} (no private key given)`;
  const mismatch = [...report.errors, ...report.warnings].some((f) => f.kind === "CertificateMismatch");
  const desc = `${k.keyAlgorithm}${k.curve ? ` ${k.curve}` : k.keyBits ? ` ${k.keyBits}` : ""}, ${k.format}`;
  if (mismatch) return `${desc} — does NOT belong to the leaf`;
  if (report.ok) return `${desc} — belongs to the leaf`;
  return desc;
}

/** The whole human report of `check` (and the first part of `upload`'s). */
export function renderReport(report, provider, now, paint) {
  const lines = [verdictLine(report, provider, paint)];
  for (const f of report.errors) lines.push(...findingLines(f, "error", paint));
  for (const f of report.warnings) lines.push(...findingLines(f, "warning", paint));
  lines.push(...leafLines(report, provider, now, paint));
  return lines.join("\n") + "\n";
}
