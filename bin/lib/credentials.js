// Credentials for `upload`, read the way the official CLIs read them (reference/AUTOMATION.md):
//
//   Alibaba (aliyun-slb, aliyun-cas)
//     1. env ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)
//     2. the aliyun CLI profile: ~/.aliyun/config.json { current, profiles: [{ name, mode,
//        access_key_id, access_key_secret, sts_token, region_id }] }; modes AK and StsToken; the
//        profile is --profile, else ALIBABA_CLOUD_PROFILE, else `current`, else "default";
//        ALIBABA_CLOUD_IGNORE_PROFILE=TRUE skips the file.
//   Tencent (tencent-ssl)
//     1. env TENCENTCLOUD_SECRET_ID + TENCENTCLOUD_SECRET_KEY (+ TENCENTCLOUD_TOKEN)
//     2. the tccli profile: ~/.tccli/<profile>.credential { secretId, secretKey, token } and
//        <profile>.configure { _sys_param: { region } }; the profile is --profile, else
//        TCCLI_PROFILE, else "default".
//
// An explicit --profile reads that profile only (the environment is not consulted). Every secret
// found is registered with the output filter, and no message here ever contains one.
import { homedir } from "node:os";
import path from "node:path";
import { existsSync } from "node:fs";
import { CliError, registerSecret } from "./output.js";
import { readInput } from "./read.js";

const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_CONFIG = 1024 * 1024;

function env(name) {
  const v = process.env[name];
  return v === undefined || v === "" ? undefined : v;
}

function home() {
  return process.env.HOME || homedir();
}

function readJson(file, label) {
  const text = readInput(file, label, MAX_CONFIG);
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${label} is not valid JSON (its content is not shown: it holds secrets)`);
  }
}

function checkProfileName(name) {
  if (!PROFILE_NAME.test(name)) throw new CliError(`the profile name must be 1-64 letters, digits, ".", "_" or "-" (got ${name.length} characters)`);
  return name;
}

function missing(provider) {
  const alibaba = provider !== "tencent-ssl";
  return new CliError(
    alibaba
      ? `no credentials for ${provider}: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for an STS token), or configure the aliyun CLI (~/.aliyun/config.json)`
      : `no credentials for tencent-ssl: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_TOKEN for a temporary key), or configure tccli (~/.tccli/default.credential)`,
  );
}

function pairFromEnv(idName, secretName, tokenName) {
  const id = env(idName);
  const secret = env(secretName);
  if (id === undefined && secret === undefined) return null;
  if (id === undefined) throw new CliError(`${secretName} is set but ${idName} is not: set both`);
  if (secret === undefined) throw new CliError(`${idName} is set but ${secretName} is not: set both`);
  return { id, secret, token: env(tokenName) };
}

function aliyunProfile(explicit) {
  if (!explicit && String(env("ALIBABA_CLOUD_IGNORE_PROFILE")).toUpperCase() === "TRUE") return null;
  const file = path.join(home(), ".aliyun", "config.json");
  const label = "~/.aliyun/config.json";
  if (!existsSync(file)) {
    if (explicit) throw new CliError(`--profile ${explicit}: ${label} does not exist`);
    return null;
  }
  const config = readJson(file, label);
  const profiles = Array.isArray(config?.profiles) ? config.profiles : [];
  const wanted = explicit ?? env("ALIBABA_CLOUD_PROFILE") ?? (typeof config?.current === "string" && config.current ? config.current : "default");
  checkProfileName(wanted);
  const profile = profiles.find((p) => p?.name === wanted);
  if (!profile) {
    if (explicit || env("ALIBABA_CLOUD_PROFILE")) throw new CliError(`profile ${wanted} is not in ${label}`);
    return null;
  }
  const mode = profile.mode ?? "AK";
  if (mode !== "AK" && mode !== "StsToken") {
    throw new CliError(`profile ${wanted} in ${label} uses mode ${String(mode).slice(0, 24)}; cert-preflight reads AK and StsToken profiles (or the environment)`);
  }
  const id = profile.access_key_id;
  const secret = profile.access_key_secret;
  if (typeof id !== "string" || !id || typeof secret !== "string" || !secret) {
    throw new CliError(`profile ${wanted} in ${label} has no access_key_id / access_key_secret`);
  }
  const token = mode === "StsToken" ? profile.sts_token : undefined;
  if (mode === "StsToken" && (typeof token !== "string" || !token)) throw new CliError(`profile ${wanted} in ${label} is StsToken but has no sts_token`);
  return { id, secret, token, region: typeof profile.region_id === "string" && profile.region_id ? profile.region_id : undefined, source: `aliyun CLI profile ${wanted}` };
}

function tccliProfile(explicit) {
  const name = checkProfileName(explicit ?? env("TCCLI_PROFILE") ?? "default");
  const dir = path.join(home(), ".tccli");
  const file = path.join(dir, `${name}.credential`);
  const label = `~/.tccli/${name}.credential`;
  if (!existsSync(file)) {
    if (explicit || env("TCCLI_PROFILE")) throw new CliError(`profile ${name}: ${label} does not exist`);
    return null;
  }
  const cred = readJson(file, label);
  if (cred?.type === "cvm-role" || cred?.["role-arn"]) {
    throw new CliError(`${label} uses a role (cvm-role / role-arn); cert-preflight reads secretId/secretKey profiles (or the environment)`);
  }
  if (typeof cred?.secretId !== "string" || !cred.secretId || typeof cred?.secretKey !== "string" || !cred.secretKey) {
    throw new CliError(`${label} has no secretId / secretKey`);
  }
  let region;
  const configure = path.join(dir, `${name}.configure`);
  if (existsSync(configure)) {
    try {
      const conf = readJson(configure, `~/.tccli/${name}.configure`);
      const r = conf?._sys_param?.region ?? conf?.region;
      if (typeof r === "string" && r) region = r;
    } catch {
      // The region is optional for tencent-ssl: an unreadable .configure is not a reason to stop.
    }
  }
  return { id: cred.secretId, secret: cred.secretKey, token: typeof cred.token === "string" && cred.token ? cred.token : undefined, region, source: `tccli profile ${name}` };
}

/**
 * Credentials for `provider`: `{ credentials, region?, source }` where `credentials` is what
 * signRequest takes. Throws a CliError (exit 2) naming the variables to set when there are none.
 */
export function resolveCredentials(provider, explicitProfile) {
  const alibaba = provider !== "tencent-ssl";
  let found = null;
  if (explicitProfile === undefined) {
    const e = alibaba
      ? pairFromEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN")
      : pairFromEnv("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_TOKEN");
    if (e) found = { ...e, region: alibaba ? env("ALIBABA_CLOUD_REGION_ID") : env("TENCENTCLOUD_REGION"), source: "the environment" };
  }
  if (!found) found = alibaba ? aliyunProfile(explicitProfile) : tccliProfile(explicitProfile);
  if (!found) throw missing(provider);
  registerSecret(found.secret);
  registerSecret(found.token);
  const credentials = alibaba
    ? { accessKeyId: found.id, accessKeySecret: found.secret, ...(found.token ? { securityToken: found.token } : {}) }
    : { secretId: found.id, secretKey: found.secret, ...(found.token ? { token: found.token } : {}) };
  return { credentials, region: found.region, source: found.source, keyId: found.id };
}

/** aliyun-slb's / tencent-ssl's region when --region is absent (environment; profiles add theirs). */
export function defaultRegion(provider) {
  return provider === "tencent-ssl" ? env("TENCENTCLOUD_REGION") : env("ALIBABA_CLOUD_REGION_ID");
}

/** An access-key id as it is shown: its first and last four characters. */
export function maskId(id) {
  const s = String(id ?? "");
  return s.length <= 10 ? "****" : `${s.slice(0, 4)}…${s.slice(-4)}`;
}
