// How each provider says "no": one function per response shape (PROVIDERS.md §1.4, §1.5, §3.1).
// Alibaba answers with the code's HTTP status and { RequestId, HostId, Code, Message, Recommend };
// Tencent always answers HTTP 200 and { Response: { Error: { Code, Message }, RequestId } }.
// The proxy adds `findings`: every finding (errors, then warnings), for the page, and `extra` members
// (`completion`, when /api/upload completed the chain).

const ALIBABA_PRODUCT = { "aliyun-slb": ["Slb", "slb.aliyuncs.com"], "aliyun-cas": ["cas", "cas.aliyuncs.com"] };

/** The provider's refusal, built from a RequestRefusedError thrown by buildRequest. */
export function refusal(provider, error, headers = {}, extra = {}) {
  const findings = error.findings ?? [];
  // The provider answers with its first error: its code, status and own message (error.message is
  // the package's longer summary).
  const first = error.errors?.[0] ?? findings[0] ?? { code: error.code, message: error.message, httpStatus: error.httpStatus };
  if (provider === "tencent-ssl") {
    return Response.json(
      { Response: { Error: { Code: first.code, Message: first.message }, RequestId: crypto.randomUUID() }, findings, ...extra },
      { status: 200, headers },
    );
  }
  const [product, host] = ALIBABA_PRODUCT[provider];
  const requestId = crypto.randomUUID().toUpperCase();
  return Response.json(
    {
      RequestId: requestId,
      HostId: host,
      Code: first.code,
      Message: first.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(first.code)}&product=${product}&requestId=${requestId}`,
      findings,
      ...extra,
    },
    { status: first.httpStatus, headers },
  );
}

/** The proxy's own errors (not the provider's): `{ error: { code, message }, ...extra }`. */
export function proxyError(status, code, message, headers = {}, extra = {}) {
  return Response.json({ error: { code, message }, ...extra }, { status, headers });
}
