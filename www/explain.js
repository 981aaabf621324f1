// The page's own explanation of each finding kind, in Chinese (issue 21: "our own explanations" in
// the page's language). A finding's `detail` is the package's explanation, always English and with
// the specific values; translating it in the core would not fit the size budget. So a Chinese page
// shows what the kind means and what to do from here, and keeps the English detail below it for the
// specifics. The English page needs nothing from here: the detail says it. No DOM at import (the
// tests import this file in Node). Every kind of `Kind::ALL` (src/finding.rs) has an entry.

const ZH = {
  InputTooLarge: "输入内容超出检查上限：某个字段过大，或证书数量过多。请确认只粘贴了证书和私钥本身，并去掉与这张证书无关的证书。",
  CertificateMissing: "没有提供证书。请在“证书”中粘贴 PEM 格式的服务器证书（后接中间证书），或打开证书文件。",
  CertificateFormatInvalid:
    "证书无法按 X.509 标准读取，或含有客户端无法使用的内容。常见原因是 base64 损坏、BEGIN/END 标记不对，或在证书栏中粘贴了私钥、CSR 或公钥；请粘贴完整的 PEM 或 DER 证书。",
  PrivateKeyMissing: "该云服务上传时需要私钥，但没有提供。请在“私钥”中粘贴与这张证书配对的私钥。",
  PrivateKeyFormatInvalid:
    "私钥栏中没有可用的私钥：内容不是有效的 PKCS#1、PKCS#8 或 SEC1 私钥，或误粘贴了证书。请粘贴与证书配对的完整私钥。",
  PrivateKeyEncrypted:
    "私钥（或 PFX/PKCS#12 文件）已加密，但没有可用的密码，或解密所需的计算量超出了上限。请在“私钥密码”中输入密码，或先用 openssl pkey 解密后再粘贴。",
  CertificateMismatch:
    "私钥与服务器证书不匹配，或私钥自身的数据不一致。请找到生成这张证书的证书请求（CSR）时所用的私钥，并确认证书栏中的第一张是服务器证书，而不是中间证书。",
  IllegalKeyLength: "密钥长度不被该云服务接受，或低于当前的安全要求。请用受支持的长度（通常为 RSA 2048 或 4096 位）重新生成私钥并重新签发证书。",
  EccCertificateNotSupport: "该云服务或所选地域不支持 EC（ECC）证书。请改用 RSA 证书，或选择支持 EC 证书的地域。",
  KeyAlgorithmNotSupported:
    "无法使用该密钥算法：DSA、X25519、带显式曲线参数的 EC 等密钥无法用于当前的 TLS，或该云服务不支持它，或无法证明私钥与证书匹配。请改用 RSA 或 ECDSA（P-256、P-384）密钥重新签发证书。",
  Sm2CertificateNotSupported:
    "这是国密 SM2 证书，但所选云服务或上传方式不接受。请改用 RSA 或 ECC 证书；如需上传国密证书，请使用支持的云服务，以 SM2 双证书方式（签名证书 + 加密证书）上传。",
  CertificateExpired: "证书已过期，浏览器等客户端会拒绝它。请续期或重新签发证书后再上传。",
  CertificateNotYetValid: "证书尚未到生效时间，在此之前客户端会拒绝它。请确认本机时间正确，或等证书生效后再启用。",
  ChainOrderInvalid:
    "证书链的顺序或签名有误：服务器证书之后的每一张证书都应是前一张的颁发者，并能验证前一张的签名。请按服务器证书、中间证书的顺序排列，并去掉无关的证书。",
  ChainIncomplete:
    "证书链不完整：最后一张证书的颁发者不在链中，无法到达受信任的根证书，通常是缺少中间证书，部分客户端会因此无法验证。请补上 CA 提供的中间证书（证书写明了下载地址时，可点击“获取缺少的中间证书”）；根证书本身无需上传。",
  ChainUntrusted: "证书链结尾的自签名证书不在受信任的根证书之列（例如私有 CA 或测试用的根证书）。浏览器等公共客户端不会信任它；面向公网的服务请使用公共 CA 签发的证书。",
  CertificateTypeMismatch: "“证书类型”与证书本身不符：CA 类型需要 CA 证书，SVR 类型需要服务器证书，有的接口则不区分证书类型。请核对证书类型的选择，以及粘贴的证书是否正确。",
  PemNotCanonical:
    "PEM 格式不规范（如 CRLF 换行、每行不是 64 列、有空行或多余文字，或私钥不是云服务要求的格式），证书和私钥本身没有问题。下方“规范化 PEM”是整理后的内容，代理上传时发送的就是它。",
  ParameterInvalid: "请求参数不符合该云服务的规则（如名称、标签、地域、证书类型或 SM2 字段组合）。请按提示修改该字段。",
  ParameterMissing: "缺少该云服务要求的请求参数（如地域、名称或标签键）。请填写该字段后再上传。",
  PfxFormatInvalid:
    "无法读取这个 PFX/PKCS#12 文件：它已损坏、不是 PKCS#12 格式，或使用了不支持的加密方式。请用 openssl pkcs12 重新导出，或直接提供 PEM 格式的证书和私钥。",
  PfxPasswordIncorrect: "该密码无法打开这个 PFX/PKCS#12 文件。请在“私钥密码”中输入导出该文件时设置的密码。",
  PfxContentUnused:
    "PFX/PKCS#12 文件中有不属于该证书链的证书或私钥，已被忽略；只使用服务器证书、它的中间证书和匹配的私钥。请确认取出的是您要上传的证书。",
};

/**
 * What a finding of this kind means and what to do, in `language`; null where the page has none
 * (en-US: the package's English detail is shown as it is; an unknown kind).
 */
export function explain(kind, language) {
  if (language !== "zh-CN") return null;
  return Object.hasOwn(ZH, kind) ? ZH[kind] : null;
}
