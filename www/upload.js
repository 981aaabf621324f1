// Shared by the page (www/app.js, www/validator.js) and the Worker (worker/src/index.js): how an
// upload's API parameters map onto validate()'s input. One copy, so the page and the proxy judge
// the same upload the same way.

/** The API parameter that carries each validate() input, per provider (SPEC "Requests"). */
export const FIELDS = {
  "aliyun-slb": { certificate: "ServerCertificate", privateKey: "PrivateKey" },
  "aliyun-cas": {
    certificate: "Cert",
    privateKey: "Key",
    signCertificate: "SignCert",
    signPrivateKey: "SignPrivateKey",
    encryptCertificate: "EncryptCert",
    encryptPrivateKey: "EncryptPrivateKey",
  },
  "tencent-ssl": {
    certificate: "CertificatePublicKey",
    privateKey: "CertificatePrivateKey",
    certificateType: "CertificateType",
    passphrase: "KeyPassword",
  },
};

/** The providers, with the names their consoles use. */
export const PROVIDERS = {
  "aliyun-slb": "Alibaba Cloud CLB (SLB)",
  "aliyun-cas": "Alibaba Cloud Certificate Management (CAS)",
  "tencent-ssl": "Tencent Cloud SSL Certificates",
};

/**
 * validate()'s input for an upload of `params` (the API's own names) to `provider`, with the
 * proxy's `options` ({ region, eccRegions, passphrase, language }). `now` is the caller's clock.
 */
export function validateInput(provider, params, options = {}, now = undefined) {
  const input = { provider };
  // Strings only: a parameter of the wrong type is buildRequest's finding (in the provider's words),
  // not a thrown argument error of validate().
  for (const [field, param] of Object.entries(FIELDS[provider])) {
    if (typeof params[param] === "string" && params[param] !== "") input[field] = params[param];
  }
  input.certificate ??= "";
  const region = provider === "aliyun-slb" ? params.RegionId : options.region;
  if (typeof region === "string" && region !== "") input.region = region;
  if (options.eccRegions !== undefined) input.eccRegions = options.eccRegions;
  // Tencent takes the passphrase as its own KeyPassword parameter (above); Alibaba takes only
  // unencrypted keys, so the passphrase decrypts the key before the upload.
  if (typeof options.passphrase === "string" && options.passphrase !== "" && provider !== "tencent-ssl") {
    input.passphrase = options.passphrase;
  }
  // The messages' language (the package checks the value); buildRequest asks the API for the same.
  if (options.language !== undefined) input.language = options.language;
  if (now !== undefined) input.now = now;
  return input;
}

/**
 * The verdict on an upload, as the page and the proxy show it: validate()'s report and the findings
 * that decide it — buildRequest()'s, which add the parameter rules (names, regions, tags) to the
 * content checks. Both check the chain against `roots` (a TrustAnchors) when given.
 * `core` is the package ({ validate, buildRequest }): the page and the Worker import different entries.
 */
export function assess(core, provider, params, options = {}, roots = undefined) {
  const withRoots = (o) => (roots ? { ...o, roots } : o);
  const report = core.validate(withRoots(validateInput(provider, params, options)));
  try {
    const request = core.buildRequest(provider, params, withRoots(options));
    return { report, request, errors: [], warnings: request.warnings };
  } catch (e) {
    if (Array.isArray(e?.findings)) return { report, refused: e, errors: e.errors, warnings: e.warnings };
    throw e;
  }
}
