// worker/src/aia.js on its own, in Node, with an injected `fetch` (and `resolve`): the guards that a
// loopback stand-in cannot show — public names redirecting to private addresses, DNS answers, the
// streamed 64 KiB cut, the timeout's words, the subrequest and round limits. The Worker on workerd
// against a real loopback server is tests/js/worker.test.mjs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it, mock } from "node:test";
import { pathToFileURL } from "node:url";

import { repo } from "./helpers.mjs";

const aia = await import(pathToFileURL(path.join(repo, "worker/src/aia.js")).href);
const pkg = await import(pathToFileURL(path.join(repo, "pkg/node.js")).href);
const { checkUrl, checkUrlResolved, classifyAddress, completeWithFetch, fetchIssuer, LIMITS } = aia;

const dir = path.join(repo, "tests/fixtures/aia");
const file = (name) => readFileSync(path.join(dir, name));
const BASE = "http://127.0.0.1:18790/";

/** A fake fetch: `routes[url]` → Response | (init) => Response; records every call. */
function fakeFetch(routes) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init });
    const r = routes[url];
    if (r === undefined) return new Response("not here", { status: 404 });
    return typeof r === "function" ? r(init) : r.clone();
  };
  fn.calls = calls;
  return fn;
}
const redirect = (to, status = 302) => new Response(null, { status, headers: { location: to } });
const der = (bytes) => new Response(bytes, { status: 200, headers: { "content-type": "application/pkix-cert" } });

describe("checkUrl: which URLs may be fetched", () => {
  it("refuses every IP-literal form, with the address in words and how to opt in", () => {
    const cases = {
      "http://127.0.0.1/x": /127\.0\.0\.1 is a loopback address/,
      "http://2130706433/": /127\.0\.0\.1 is a loopback address/,
      "http://0x7f.1/": /127\.0\.0\.1 is a loopback address/,
      "http://0177.0.0.1/": /127\.0\.0\.1 is a loopback address/,
      "http://[::1]/": /::1 is a loopback address/,
      "http://[::ffff:127.0.0.1]/": /IPv4-mapped address of a loopback address/,
      "http://[::ffff:10.1.2.3]/": /IPv4-mapped address of a private address/,
      "http://10.0.0.1/": /10\.0\.0\.1 is a private address \(RFC 1918\)/,
      "http://172.16.5.4/": /private address/,
      "http://192.168.1.1/": /private address/,
      "http://169.254.169.254/latest/meta-data/": /link-local/,
      "http://100.64.0.1/": /CGNAT/,
      "http://0.0.0.0/": /this network/,
      "http://224.0.0.1/": /multicast/,
      "http://[fe80::1]/": /link-local/,
      "http://[fd12:3456::1]/": /unique local/,
      "http://[ff02::1]/": /multicast/,
      "http://8.8.8.8/": /8\.8\.8\.8 is an IP address literal/,
      "http://[2606:4700::1111]/": /IP address literal/,
    };
    for (const [url, words] of Object.entries(cases)) {
      const c = checkUrl(url);
      assert.equal(c.ok, false, url);
      assert.equal(c.code, "AiaRefused", url);
      assert.match(c.error, words, url);
      assert.match(c.error, /^refused: /, url);
      assert.match(c.error, /\(set AIA_ALLOW_PRIVATE=1 to allow\)$/, url);
    }
    assert.match(checkUrl("http://10.0.0.1/", { allowHint: "use --allow-private-aia to allow" }).error, /--allow-private-aia/);
  });

  it("refuses names that are not public: no dot, localhost, .local, .internal and the like", () => {
    for (const url of [
      "http://localhost/",
      "http://LOCALHOST./",
      "http://ca.localhost/",
      "http://printer.local/",
      "http://pki.corp.internal/int.crt",
      "http://intranet/ca.crt",
      "http://nas.home.arpa/",
    ]) {
      const c = checkUrl(url);
      assert.equal(c.ok, false, url);
      assert.match(c.error, /is not a public host name/, url);
    }
  });

  it("takes http to public names, https only as the URL says it, and nothing else", () => {
    assert.equal(checkUrl("http://cacerts.digicert.com/EncryptionEverywhereDVTLSCA-G2.crt").ok, true);
    assert.equal(checkUrl("http://r11.i.lencr.org/").ok, true);
    const https = checkUrl("https://crt.sectigo.com/x.p7c");
    assert.equal(https.ok, true);
    assert.equal(https.url.protocol, "https:", "never changed");
    for (const [url, words] of [
      ["ftp://ftp.example.com/int.crt", /ftp: URLs are not fetched/],
      ["ldap://ldap.example.com/cn=ca", /ldap: URLs are not fetched/],
      ["file:///etc/passwd", /file: URLs are not fetched/],
      ["data:application/pkix-cert;base64,AAAA", /data: URLs are not fetched/],
      ["http://user:secret@ca.example.com/int.crt", /carries credentials/],
      ["not a url", /not a valid URL/],
    ]) {
      const c = checkUrl(url);
      assert.equal(c.ok, false, url);
      assert.match(c.error, words, url);
    }
    assert.ok(!checkUrl("http://user:secret@ca.example.com/").error.includes("secret"));
  });

  it("allowPrivate lets IP literals and internal names through (internal PKIs, tests), never other schemes", () => {
    for (const url of ["http://127.0.0.1:18790/int1.der", "http://10.0.0.1/", "http://[::1]/", "http://localhost/", "http://pki.internal/", "https://10.0.0.1/"]) {
      assert.equal(checkUrl(url, { allowPrivate: true }).ok, true, url);
    }
    assert.equal(checkUrl("ftp://10.0.0.1/", { allowPrivate: true }).ok, false);
    assert.equal(checkUrl("http://u:p@10.0.0.1/", { allowPrivate: true }).ok, false);
    // Ports no HTTP server has: refused even so (an AIA URL aimed at a mail or IRC server).
    for (const url of ["http://mail.example.com:25/", "http://10.0.0.1:6667/", "http://ca.example.com:22/"]) {
      const c = checkUrl(url, { allowPrivate: true });
      assert.equal(c.ok, false, url);
      assert.match(c.error, /^refused: port \d+ is not an HTTP port/, url);
    }
    assert.equal(checkUrl("http://ca.example.com:8080/int.crt").ok, true);
  });

  it("classifyAddress: every non-public range named, public addresses null", () => {
    const named = {
      "127.0.0.1": /loopback/,
      "10.255.0.1": /RFC 1918/,
      "172.31.255.255": /RFC 1918/,
      "192.168.0.1": /RFC 1918/,
      "169.254.169.254": /link-local/,
      "100.127.255.254": /CGNAT/,
      "0.1.2.3": /this network/,
      "239.255.255.250": /multicast/,
      "255.255.255.255": /reserved/,
      "::1": /loopback/,
      "::": /unspecified/,
      "fe80::1%eth0": /link-local/,
      "fc00::1": /unique local/,
      "fdff:ffff::1": /unique local/,
      "::ffff:192.168.1.1": /IPv4-mapped.*RFC 1918/,
      "64:ff9b::a00:1": /NAT64.*RFC 1918/,
      "2002:7f00:1::": /6to4.*loopback/,
      "2001:db8::1": /documentation/,
      "hello": /not an IP address/,
    };
    for (const [ip, words] of Object.entries(named)) assert.match(String(classifyAddress(ip)), words, ip);
    for (const ip of ["1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.32.0.1", "2606:4700:4700::1111", "::ffff:1.2.3.4"]) {
      assert.equal(classifyAddress(ip), null, ip);
    }
  });

  it("with resolve: a public name that resolves to a private address is refused (the CLI's DNS check)", async () => {
    const resolve = async (host) => ({ "issuer.example": ["10.0.0.1"], "mixed.example": ["93.184.215.14", "::1"], "ok.example": [{ address: "93.184.215.14", family: 4 }] })[host] ?? [];
    const a = await checkUrlResolved("http://issuer.example/int.crt", { resolve });
    assert.equal(a.ok, false);
    assert.equal(a.error, "refused: issuer.example resolves to 10.0.0.1, a private address (RFC 1918) (set AIA_ALLOW_PRIVATE=1 to allow)");
    assert.match((await checkUrlResolved("http://mixed.example/", { resolve })).error, /resolves to ::1, a loopback address/);
    assert.equal((await checkUrlResolved("http://ok.example/", { resolve })).ok, true);
    assert.match((await checkUrlResolved("http://none.example/", { resolve })).error, /could not resolve none\.example/);
    const failing = async () => {
      throw Object.assign(new Error("x"), { code: "ENOTFOUND" });
    };
    assert.equal((await checkUrlResolved("http://gone.example/", { resolve: failing })).error, "could not resolve gone.example (ENOTFOUND)");
    let asked = 0;
    const counting = async () => (asked++, ["10.0.0.1"]);
    assert.equal((await checkUrlResolved("http://issuer.example/", { resolve: counting, allowPrivate: true })).ok, true);
    assert.equal(asked, 0, "allowPrivate does not resolve");
  });
});

describe("fetchIssuer: one URL with every guard", () => {
  it("sends no credentials, cookies or caller headers, and follows no redirect by itself", async () => {
    const fetch = fakeFetch({ "http://issuer.example/int1.der": der(file("int1.der")) });
    const { entry, body } = await fetchIssuer("http://issuer.example/int1.der", { fetch });
    assert.deepEqual(entry, { url: "http://issuer.example/int1.der", ok: true, status: 200, bytes: file("int1.der").length });
    assert.deepEqual(Buffer.from(body), file("int1.der"));
    const { init } = fetch.calls[0];
    assert.equal(init.redirect, "manual");
    assert.equal(init.method, "GET");
    if ("credentials" in init) assert.equal(init.credentials, "omit");
    assert.deepEqual(Object.keys(init.headers).sort(), ["accept", "user-agent"]);
    assert.ok(init.signal instanceof AbortSignal);
  });

  it("a redirect from a public name to a private address is refused before it is followed", async () => {
    for (const to of ["http://10.0.0.1/int1.der", "http://169.254.169.254/latest/meta-data/", "http://localhost:8080/", "http://[::1]/", "http://2130706433/", "file:///etc/passwd"]) {
      const fetch = fakeFetch({ "http://issuer.example/int1.der": redirect(to) });
      const { entry, body } = await fetchIssuer("http://issuer.example/int1.der", { fetch });
      assert.equal(body, undefined, to);
      assert.equal(entry.ok, false, to);
      assert.equal(entry.code, "AiaRefused", to);
      assert.match(entry.error, /^redirected to .*: refused: /, to);
      assert.equal(fetch.calls.length, 1, `${to}: the private host was never asked`);
    }
    // The same with DNS: a redirect to a name that resolves privately.
    const fetch = fakeFetch({ "http://issuer.example/a": redirect("http://sneaky.example/b") });
    const resolve = async (host) => (host === "sneaky.example" ? ["192.168.0.10"] : ["93.184.215.14"]);
    const { entry } = await fetchIssuer("http://issuer.example/a", { fetch, resolve });
    assert.match(entry.error, /redirected to http:\/\/sneaky\.example\/b: refused: sneaky\.example resolves to 192\.168\.0\.10/);
    assert.equal(fetch.calls.length, 1);
  });

  it("follows up to 3 redirects (relative ones too, and to public https), refuses a 4th", async () => {
    const chain = {
      "http://issuer.example/r3": redirect("/r2", 301),
      "http://issuer.example/r2": redirect("https://cdn.example/r1", 307),
      "https://cdn.example/r1": redirect("http://issuer.example/int1.der", 308),
      "http://issuer.example/int1.der": der(file("int1.der")),
      "http://issuer.example/r4": redirect("http://issuer.example/r3", 303),
    };
    const ok = fakeFetch(chain);
    const three = await fetchIssuer("http://issuer.example/r3", { fetch: ok });
    assert.equal(three.entry.ok, true, JSON.stringify(three.entry));
    assert.deepEqual(three.entry.redirects, ["http://issuer.example/r2", "https://cdn.example/r1", "http://issuer.example/int1.der"]);
    assert.equal(ok.calls.length, 4);
    const tooMany = fakeFetch(chain);
    const four = await fetchIssuer("http://issuer.example/r4", { fetch: tooMany });
    assert.deepEqual([four.entry.ok, four.entry.code, four.entry.error], [false, "AiaRedirects", "more than 3 redirects"]);
    assert.equal(tooMany.calls.length, 4, "the 4th Location is not asked for");
    const noLocation = await fetchIssuer("http://issuer.example/x", { fetch: fakeFetch({ "http://issuer.example/x": new Response(null, { status: 302 }) }) });
    assert.equal(noLocation.entry.error, "HTTP 302 without a Location");
  });

  it("answers other than 200 are failures in words", async () => {
    const fetch = fakeFetch({ "http://issuer.example/gone": new Response("<html>", { status: 404 }), "http://issuer.example/err": new Response("", { status: 500 }), "http://issuer.example/nc": new Response(null, { status: 304 }) });
    assert.equal((await fetchIssuer("http://issuer.example/gone", { fetch })).entry.error, "HTTP 404");
    assert.equal((await fetchIssuer("http://issuer.example/err", { fetch })).entry.error, "HTTP 500");
    assert.equal((await fetchIssuer("http://issuer.example/nc", { fetch })).entry.code, "AiaHttpStatus");
    const broken = async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    };
    const net = await fetchIssuer("http://issuer.example/", { fetch: broken });
    assert.deepEqual([net.entry.code, net.entry.error], ["AiaNetwork", "network error: ECONNREFUSED"]);
  });

  it("reads a body as a stream and stops at 64 KiB + 1 bytes: 1 MiB is never buffered", async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(16 * 1024);
    const huge = () =>
      new Response(
        new ReadableStream({
          pull(c) {
            if (pulled >= 1024 * 1024) return c.close();
            pulled += chunk.length;
            c.enqueue(chunk.slice());
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200 },
      );
    const { entry, body } = await fetchIssuer("http://issuer.example/huge", { fetch: fakeFetch({ "http://issuer.example/huge": huge }) });
    assert.deepEqual([entry.ok, entry.code, entry.error], [false, "AiaTooLarge", "over 64 KiB"]);
    assert.equal(body, undefined);
    assert.ok(pulled <= LIMITS.maxBytes + 2 * chunk.length, `${pulled} bytes pulled`);
    assert.ok(cancelled, "the rest of the stream was cancelled");
    // A declared Content-Length over the limit: not read at all.
    const declared = await fetchIssuer("http://issuer.example/big", {
      fetch: fakeFetch({ "http://issuer.example/big": new Response(new Uint8Array(70000), { status: 200, headers: { "content-length": "70000" } }) }),
    });
    assert.equal(declared.entry.error, "over 64 KiB (Content-Length 70000)");
    // Exactly 64 KiB is taken (the core then judges it).
    const exact = await fetchIssuer("http://issuer.example/exact", { fetch: fakeFetch({ "http://issuer.example/exact": new Response(new Uint8Array(65536)) }) });
    assert.deepEqual([exact.entry.ok, exact.body.length], [true, 65536]);
  });

  it("times out after 10 s by default (headers or body), aborting the fetch", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      let aborted = false;
      const hanging = (url, init) =>
        new Promise((_, reject) => {
          init.signal.addEventListener("abort", () => {
            aborted = true;
            reject(new DOMException("aborted", "AbortError"));
          });
        });
      const pending = fetchIssuer("http://issuer.example/slow", { fetch: hanging });
      await new Promise((r) => setImmediate(r));
      mock.timers.tick(9_999);
      await new Promise((r) => setImmediate(r));
      assert.equal(aborted, false);
      mock.timers.tick(1);
      const { entry } = await pending;
      assert.ok(aborted);
      assert.deepEqual([entry.code, entry.error], ["AiaTimeout", "timed out after 10 s"]);
    } finally {
      mock.timers.reset();
    }
    // A body that stalls after the headers: the same timer covers it.
    const stalled = (url, init) =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new Uint8Array(10));
            init.signal.addEventListener("abort", () => c.error(new DOMException("aborted", "AbortError")));
          },
        }),
      );
    const { entry } = await fetchIssuer("http://issuer.example/stall", { fetch: stalled, timeoutMs: 50 });
    assert.deepEqual([entry.code, entry.error], ["AiaTimeout", "timed out after 50 ms"]);
  });
});

describe("completeWithFetch: the host loop", () => {
  const standIn = () =>
    fakeFetch(Object.fromEntries(["int1.der", "int1.pem", "int1-ber.p7c", "int2.der", "impostor.der", "root.der", "loop-a.der", "loop-b.der"].map((f) => [BASE + f, der(file(f))])));

  it("completes two missing intermediates in two rounds (and stops at the root) with the package's completeChain", async () => {
    const fetch = standIn();
    const { completion, fetches } = await completeWithFetch(file("leaf-two.pem").toString(), { completeChain: pkg.completeChain, fetch, allowPrivate: true });
    assert.equal(completion.complete, true);
    assert.deepEqual(completion.added.map((a) => a.subject), ["CN=AIA Test Int 2", "CN=AIA Test Int 1"]);
    assert.deepEqual(fetches.map((f) => [f.url.slice(BASE.length), f.ok]), [["int2.der", true], ["int1.der", true], ["root.der", true]]);
    assert.equal(completion.certificate.match(/BEGIN CERTIFICATE/g).length, 3);
  });

  it("without allowPrivate nothing is fetched, and the refusal is said", async () => {
    const fetch = standIn();
    const { completion, fetches } = await completeWithFetch(file("leaf-der.pem"), { completeChain: pkg.completeChain, fetch });
    assert.equal(fetch.calls.length, 0);
    assert.equal(completion.added.length, 0);
    assert.deepEqual(fetches, [{ url: `${BASE}int1.der`, ok: false, code: "AiaRefused", error: "refused: 127.0.0.1 is a loopback address (set AIA_ALLOW_PRIVATE=1 to allow)" }]);
  });

  it("a failed URL is tried once, not again in later rounds", async () => {
    const fetch = fakeFetch({});
    const { completion, fetches } = await completeWithFetch(file("leaf-many.pem"), { completeChain: pkg.completeChain, fetch, allowPrivate: true });
    assert.equal(fetch.calls.length, 5);
    assert.equal(fetches.length, 5);
    assert.ok(fetches.every((f) => f.error === "HTTP 404"));
    assert.ok(completion.findings.some((f) => /6 caIssuers URLs/.test(f.detail)));
  });

  it("at most 20 subrequests per call, redirect hops included", async () => {
    // A chain that never ends: every certificate names 5 new URLs; each answers after 3 redirects.
    let n = 0;
    const completeChain = () => ({ certificate: "", added: [], complete: false, findings: [], next: Array.from({ length: 5 }, () => `http://ca.example/${n++}`) });
    const fetch = async (url) => {
      fetch.count = (fetch.count ?? 0) + 1;
      const hop = Number(new URL(url).searchParams.get("hop") ?? 0);
      return hop < 3 ? redirect(`${url.split("?")[0]}?hop=${hop + 1}`) : new Response("x");
    };
    const { fetches } = await completeWithFetch("x", { completeChain, fetch });
    assert.equal(fetch.count, 20);
    assert.equal(fetches.filter((f) => f.ok).length, 5);
    const limited = fetches.filter((f) => f.code === "AiaSubrequestLimit");
    assert.equal(limited.length, 5);
    assert.equal(limited[0].error, "not fetched: the limit of 20 subrequests per call was reached");
  });

  it("at most 4 rounds: later URLs are given up, in words", async () => {
    let n = 0;
    const completeChain = (cert, fetched) => ({ certificate: "", added: [], complete: false, findings: [], next: [`http://ca.example/${fetched.length}`] });
    const fetch = async () => (n++, new Response("x"));
    const { fetches } = await completeWithFetch("x", { completeChain, fetch });
    assert.equal(n, 4);
    assert.deepEqual(fetches.at(-1), { url: "http://ca.example/4", ok: false, code: "AiaRoundLimit", error: "not fetched: 4 rounds of fetching already" });
  });

  it("needs the package's completeChain, and passes its errors through", async () => {
    await assert.rejects(completeWithFetch("x", {}), TypeError);
    await assert.rejects(completeWithFetch("hello", { completeChain: pkg.completeChain }), (e) => e.code === "CertificateFormatInvalid");
  });
});
