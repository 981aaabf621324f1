#!/usr/bin/env python3
"""Seed fuzz/corpus/<target> from the committed fixtures (tests/fixtures), so coverage starts deep.

validate_pem: one input per manifest case (flags, certificate, NUL, key, NUL, passphrase), for each
provider, plus every fixture file alone as a certificate.
build_request: the same cases as (flags, certificate, key, name, tag, passphrase) for each provider.
validate_der: the DER of every block of every fixture, behind the flags byte that puts it back in a
block with its own label (and, for certificates, also as chain member before/after a fixture leaf)
and the fixture byte of the same directory (so keys meet their own certificate); plus hand-made
PBES2 shapes no fixture has.
x509_differential: the DER of every certificate block of every fixture (the real-world corpus too).
complete_chain: the fixture leaves of aia/ with the bodies of aia/, alone and in pairs.
curve_differential: for each curve (P-521, secp256k1, SM2, Ed448), with and without bit 7, the
scalars 0, 1, n-1, n, all ones and eight from a SHA-256 stream (Ed448: seeds from the stream).
signature_differential: for each curve and point encoding, keys and digests of every length from a
SHA-256 stream with no edit, one edit per target, and several; RSA moduli of 512-2048 bits with the
common exponents and s below and above n.
"""
import base64, hashlib, json, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent
FIX = ROOT.parent / "tests" / "fixtures"
BLOCK = re.compile(rb"-----BEGIN ([^-]+)-----\r?\n(.*?)-----END \1-----", re.S)


def put(target, data):
    d = ROOT / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def read(rel):
    return (FIX / rel).read_bytes() if rel else None


manifest = json.loads((FIX / "manifest.json").read_text())
for case in manifest["cases"]:
    cert = read(case.get("certificate")) or b""
    key = read(case.get("privateKey"))
    pw = case.get("passphrase")
    for provider in range(4):
        flags = provider | (4 if pw is not None else 0)
        data = bytes([flags]) + cert
        if key is not None or pw is not None:
            data += b"\0" + (key or b"")
        if pw is not None:
            data += b"\0" + pw.encode()
        put("validate_pem", data)
    # build_request: provider, the passphrase as option, tag, region cn-hangzhou, EC allowed.
    for provider in range(4):
        flags = provider | 0x08 | 0x20 | 0x80 | (4 if pw is not None else 0)
        parts = [cert, key or b"", b"web-2026", b"prod", (pw or "").encode()]
        put("build_request", bytes([flags]) + b"\0".join(parts))

files = sorted(p for p in FIX.rglob("*") if p.is_file() and p.suffix in (".pem", ".txt"))
for p in files:
    put("validate_pem", b"\0" + p.read_bytes())

# The fixture table of fuzz_targets/validate_der.rs, by directory.
FIXTURE_DIRS = ["rsa/2048", "ec/p256", "ec/p384", "ec/p521", "ec/secp256k1", "other/ed25519",
                "other/ed448", "other/dsa", "other/sm2", "chain/pss-sha256", "chain/ecdsa"]
LABEL = {
    b"CERTIFICATE": 0,
    b"PRIVATE KEY": 1,
    b"ENCRYPTED PRIVATE KEY": 2 | 0x20,
    b"RSA PRIVATE KEY": 3,
    b"EC PRIVATE KEY": 4,
}
for p in files:
    rel = p.relative_to(FIX).parent.as_posix()
    fixture = FIXTURE_DIRS.index(rel) if rel in FIXTURE_DIRS else 0
    for label, body in BLOCK.findall(p.read_bytes()):
        if label not in LABEL or b"Proc-Type" in body:
            continue
        try:
            der = base64.b64decode(b"".join(body.split()), validate=True)
        except ValueError:
            continue
        flags = LABEL[label]
        variants = [flags]
        if flags == 0:
            variants += [6, 7, 0x08 | 6, 0x10 | 7, 0x18, 0x40, 0x80]
        elif flags == 4:
            variants += [5]
        for f in variants:
            put("validate_der", bytes([f, fixture]) + der)
        if label == b"CERTIFICATE":
            put("x509_differential", der)

for p in sorted(FIX.rglob("*.der")):
    put("x509_differential", p.read_bytes())

# Hand-made EncryptedPrivateKeyInfo shapes no fixture has (openssl writes no keyLength, no AES-192,
# no GCM): the ciphertext is zeros, so they stop at the padding or tag, past the parameter checks.
def tlv(tag, *parts):
    body = b"".join(parts)
    n = len(body)
    length = bytes([n]) if n < 128 else bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 255])
    return bytes([tag]) + length + body


def oid(hex_arcs):
    return tlv(0x06, bytes.fromhex(hex_arcs))


PBES2, PBKDF2, SCRYPT = "2a864886f70d01050d", "2a864886f70d01050c", "2b06010401da47040b"
CIPHERS = {  # OID, IV/nonce length, key length
    "aes128-cbc": ("608648016503040102", 16, 16), "aes192-cbc": ("608648016503040116", 16, 24),
    "aes256-cbc": ("60864801650304012a", 16, 32), "aes128-gcm": ("608648016503040106", 12, 16),
    "aes256-gcm": ("60864801650304012e", 12, 32), "des-ede3-cbc": ("2a864886f70d0307", 8, 24),
}
HMAC_SHA512 = tlv(0x30, oid("2a864886f70d020b"), b"\x05\x00")
for name, (cipher_oid, iv_len, key_len) in CIPHERS.items():
    cipher = tlv(0x30, oid(cipher_oid), tlv(0x04, bytes(iv_len)))
    kdfs = [
        tlv(0x30, oid(PBKDF2), tlv(0x30, tlv(0x04, b"saltsalt"), b"\x02\x01\x10",
                                   tlv(0x02, bytes([key_len])), HMAC_SHA512)),
        tlv(0x30, oid(SCRYPT), tlv(0x30, tlv(0x04, b"saltsalt"), b"\x02\x01\x10", b"\x02\x01\x01",
                                   b"\x02\x01\x01", tlv(0x02, bytes([key_len])))),
    ]
    for kdf in kdfs:
        alg = tlv(0x30, oid(PBES2), tlv(0x30, kdf, cipher))
        put("validate_der", bytes([2 | 0x20, 0]) + tlv(0x30, alg, tlv(0x04, bytes(48))))


def stream(seed, n):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(seed + i.to_bytes(4, "big")).digest()
        i += 1
    return out[:n]


for kind, size in ((0, 32), (0x80, 32), (1, 48), (0x81, 48)):
    for dlen in range(0, 45, 4):
        base = bytes([kind]) + stream(b"k%d-%d" % (kind, dlen), size) + bytes([dlen]) + stream(b"d%d" % dlen, 20 + dlen)
        put("signature_differential", base)
        for edits in (b"\x00\x05\x01", b"\x01\x00\x80", b"\x02\x07\x01", b"\x00\x00\x01\x02\x00\x04\x01\x03\x10"):
            put("signature_differential", base + edits)
for nlen in (0, 64, 128, 192):
    n = stream(b"n%d" % nlen, 64 + nlen % 193)
    for e in (3, 65537, (1 << 32) - 1):
        for s in (stream(b"s%d" % nlen, len(n)), b"\xff" * len(n), b"\x01"):
            put("signature_differential", bytes([2, nlen]) + n + e.to_bytes(4, "big") + s)

# complete_chain: `leaf urls (len_hi len_lo body)*` -- each fixture leaf with the bodies of the aia/
# fixtures alone and in pairs (URL selectors 0-3 pick int1/int2/int1-ber/impostor for even bodies,
# loop-a/loop-b/root/elsewhere for odd ones).
AIA = FIX / "aia"
bodies = [AIA / n for n in ("int1.der", "int2.der", "int1-ber.p7c", "impostor.der", "int1.pem", "loop-a.der", "loop-b.der", "root.der")]
for leaf in range(5):
    for sel in range(16):
        for i, a in enumerate(bodies):
            one = lambda f: len(f.read_bytes()).to_bytes(2, "big") + f.read_bytes()
            put("complete_chain", bytes([leaf, sel * 17 % 256]) + one(a))
            put("complete_chain", bytes([leaf, sel]) + one(a) + one(bodies[(i + 1) % len(bodies)]))

# curve_differential: `kind secret` -- edge scalars (0, 1, n-1, n, all ones) and stream ones per curve.
ORDERS = (
    "01" + "ff" * 32 + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
    "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123",
)
for kind, order in enumerate(ORDERS):
    n = bytes.fromhex(order)
    edges = [bytes(len(n)), bytes(len(n) - 1) + b"\x01", n[:-1] + bytes([n[-1] - 1]), n, b"\xff" * len(n)]
    for other in (0, 0x80):
        for scalar in edges + [stream(b"c%d-%d" % (kind, i), len(n)) for i in range(8)]:
            put("curve_differential", bytes([kind | other]) + scalar)
for other in (0, 0x80):
    for i in range(8):
        put("curve_differential", bytes([3 | other]) + stream(b"ed448-%d" % i, 57))

# validate_pfx: `flags data` -- every PKCS#12 fixture of pfx/ as the file (flags 0, with its
# password when it has one; the 600,000-iteration and edited-MAC files left out: too slow per run
# or refused first), its AuthenticatedSafe alone (flags 1) and each SafeContents (flags 2) of the
# unencrypted ones, and the DER certificate/key pairs (flags 3).
PFX = FIX / "pfx"


def der_tlv(b, i):
    tag, n, j = b[i], b[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7F
        n, j = int.from_bytes(b[j:j + k], "big"), j + k
    return tag, b[j:j + n], j + n


for p in sorted(PFX.glob("*.p12")):
    if p.stem.startswith("mac-iter") or p.stem == "firefox-like":
        continue
    data = p.read_bytes()
    pw = (PFX / (p.stem + ".pass")).read_bytes()
    for flags in (0, 8, 0x10):
        put("validate_pfx", bytes([flags | (4 if pw else 0)]) + data)
    try:  # DER files: the AuthenticatedSafe and its plain SafeContents
        _, body, _ = der_tlv(data, 0)
        _, _, i = der_tlv(body, 0)
        _, ci, _ = der_tlv(body, i)
        _, _, k = der_tlv(ci, 0)
        _, explicit, _ = der_tlv(ci, k)
        _, auth, _ = der_tlv(explicit, 0)
        put("validate_pfx", bytes([1 | (4 if pw else 0)]) + auth)
        _, seq, _ = der_tlv(auth, 0)
        j = 0
        while j < len(seq):
            _, one, j = der_tlv(seq, j)
            _, _, m = der_tlv(one, 0)
            if one[2:m] == bytes.fromhex("2a864886f70d010701"):
                _, ex, _ = der_tlv(one, m)
                _, sc, _ = der_tlv(ex, 0)
                put("validate_pfx", bytes([2 | (4 if pw else 0)]) + sc)
    except (IndexError, ValueError):
        pass
cert = (PFX / "leaf.der").read_bytes()
for key in ("leaf.key.der", "leaf.rsa.der", "leaf.enc.der"):
    k = (PFX / key).read_bytes()
    # The split is in the middle: pad the shorter half so that it falls between the two.
    c = cert + b"\0" * max(0, len(k) - len(cert))
    kk = k + b"\0" * max(0, len(cert) - len(k))
    put("validate_pfx", bytes([3 | 4]) + c + kk)
