//! Keys made with OpenSSL 3.0 in a scratch directory, e.g. `openssl genrsa -traditional 1024`,
//! `openssl ecparam -name prime256v1 -genkey`, `openssl genpkey -algorithm ed25519|ed448|SM2`,
//! `openssl genpkey -paramfile dsaparam.pem`, `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf
//! hmacWithSHA256 -passout pass:secret`, `openssl pkcs8 -topk8 -scrypt -scrypt_N 1024 -v2
//! aes-128-cbc`, `openssl pkcs8 -topk8 -v2 des3`; legacy PEM encryption with `openssl rsa
//! -aes128|-des3 -traditional`, `openssl ec -aes256|-aes192|-des3`, `openssl ec -provider legacy
//! -provider default -des` and `openssl dsa -aes128`, all `-passout pass:secret`; public keys
//! with `openssl pkey -pubout`. The
//! tampered and hybrid keys (`RSA_BAD_*`, `SEC1_WRONGPUB`, `SEC1_NOPARAMS`, `ED_V2_*`, the
//! hostile PBES2 parameters) were built with `openssl asn1parse -genconf`. Test keys only.
//!
//! Shared by the unit tests of `key` and its files: the key constants and the small DER builders.

use super::*;
pub(super) use crate::input::Block;
pub(super) use alloc::format;
pub(super) use alloc::vec;
pub(super) use base64ct::{Base64, Encoding};

/// A minimal PEM splitter for the tests (headers, base64 body); input.rs does the real work.
pub(super) fn blocks(pem: &str) -> Vec<Block> {
    let mut out = Vec::new();
    type Open = (String, Vec<(String, String)>, String);
    let mut cur: Option<Open> = None;
    for line in pem.lines() {
        let line = line.trim();
        if let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            cur = Some((String::from(label), Vec::new(), String::new()));
        } else if line.starts_with("-----END ") {
            if let Some((label, headers, body)) = cur.take() {
                out.push(Block {
                    label,
                    headers,
                    der: Zeroizing::new(Base64::decode_vec(&body).unwrap()),
                    line: 1,
                });
            }
        } else if let Some((_, headers, body)) = cur.as_mut() {
            if let Some((k, v)) = line.split_once(": ") {
                headers.push((String::from(k), String::from(v)));
            } else {
                body.push_str(line);
            }
        }
    }
    out
}

pub(super) fn key(pem: &str) -> PrivateKey {
    parse(&blocks(pem), None).unwrap()
}

pub(super) fn key_with(pem: &str, pass: &str) -> Result<PrivateKey, KeyError> {
    parse(&blocks(pem), Some(pass))
}

pub(super) fn err(pem: &str) -> KeyError {
    parse(&blocks(pem), None).unwrap_err()
}

pub(super) fn der_of(pem: &str) -> Vec<u8> {
    blocks(pem).pop().unwrap().der.to_vec()
}

pub(super) fn matches(k: &PrivateKey, pub_pem: &str) -> Match {
    let der = der_of(pub_pem);
    let spki = Spki::from_der(&der).unwrap();
    k.matches(&spki)
}

pub(super) fn is_no(m: Match) -> bool {
    matches!(m, Match::No { .. })
}

pub(super) fn desc(k: &PrivateKey) -> (KeyAlgorithm, u32, Option<Curve>) {
    let d = k.desc();
    (d.algorithm, d.bits, d.curve)
}

pub(super) fn pem_of(label: &str, der: &[u8]) -> String {
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        Base64::encode_string(der)
    )
}

pub(super) const RSA1024: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
pub(super) const RSA1024_P8: &str = "\
-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMX4Z7wUEkZS9cLC
R3q8mdDj6XQ/KQF+X5TIchAqbVwvdMU5PnvLeJ1c8W7RDEeMRvACw3mU9wC0OPK4
D6KISt7Vr0LYyAPO6tKTFoWYkGkZdFkvKha+2fdejwRGgM8FIFpWSRSz+cS1tJBn
t80ZM7j43VUtXuRHkQJZy8w3qC0FAgMBAAECgYA4o48aMivgTs/dPrQwm1DugKZE
CeXzdXJnIMnxchIDs9gWrQABbv89FmBEsi5vMeUBueivGj1oyCca2iou+AtjIIHP
TT7qfPW8gco1gJFgooTD8pqX7aPpEvq9ro+2ZFJ9J7/kI8OX5oxyd9Pxe1MtqQGf
oG6rGgZOdNH2SXYFgQJBAO20eApcPxKDwCihfqsRdk9GDk0YEsFLrMI+1DWl48K3
73Z1mLv0iZJGSu0L0K2TM82gAIu/Ez/NQ8K/eKaA/pECQQDVNQo5rbe9WvR+hIwC
gpBSxucx71stbTacJuQbtERcT1Rsy9AGAU2tfQ7HucIMe0mqR6vSHezRrZ6ZOhrG
6mk1AkEAg9IpH9W4RJQ75Exq6oNskNnQ5IANJpTI4Y/mLzon7LwEWDUu1kzuXegN
dRewShHwEIBCzTzRd/hlM4LrbarrgQJBAIHMKo92vLdgmhwz4XDdv7NFOBbkWyPK
q0ZhPtnG4x83hHQ/mEMvo/SMf+UDp6klnXE29NmUMkpsYnNyNj8HEkkCQAEF7+iw
Lmf6Gf9rrW3JOIe5/Vlqatar3MP6SLtrAvRM8TNNbN47BWT8eTaIrqhiDne2Mp+K
9VOC76a4AoZSc0w=
-----END PRIVATE KEY-----
";
pub(super) const RSA1024_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0
PykBfl+UyHIQKm1cL3TFOT57y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C
2MgDzurSkxaFmJBpGXRZLyoWvtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1V
LV7kR5ECWcvMN6gtBQIDAQAB
-----END PUBLIC KEY-----
";
pub(super) const RSA1024B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC6FTMDUaZUSaA9LEHDQufUDYYF
76GZvo6H14F/Av28qCH5cfz9oQEN7By0UVchVqDSscqKHFWdogM0M2luzvgn/XwE
axTSQtfplyWpU5leSbS6nqyQcI3byPzeHs677O4+CKrcYAJCUvNNBxVs+EWf1LH2
8uaPmnjsfG59ufTNAwIDAQAB
-----END PUBLIC KEY-----
";
pub(super) const RSA4096: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIIJJwIBAAKCAgEAmniuvSeU0LqUTVWJ8IqRpvoIwSIvN0BeNLk5PmdtcU1REI0U
0iMTZ8BefPwXWDsi6c5UaO77ew6vd07BQeDZRDVY2VtJPwiVn1MO8/w3jAAGbXuU
NniNp4kQkz3bgWtx6w9Dg7DFQZioUBGolh9g1ibIkEYRn6PgvsXWby8HPF8JKMKa
NlWaKcI15rFmQefQQgtA2KrWkAOGOjzmmjeDN/MpAxFX1dnutmZZUxxkWNcZXi0q
4bgqWmWvEDfPBIM6F+piYiAT+XkRNS3Xf/KpYm2uRU6mKBXwAoQXtTbblgDl45aB
/iuWpa6hn3FNG9q2p4tl9XwfcmYdDdODX+NsqqrdcTpX1Xcib0ASB23emq/VTMUh
hftl1xNTmRzCKdXfhLPuw8gSfXUqmN8wgW4GYELBRjGq4fdBgpCJ2s1juZQKf4De
xRuTkbnhuWJPqnH86WBZOqiQwfT2OVVMrHSK+UrureoS/hO5Sy6UFRDiTf4G+J5K
COq60nIgoexqep28+pX7sRf5D5/B30GfXtJHmYtckXeXjWlot+ULZyh9tf8Ix1xM
cnz36MX53v8aFEis9l+gy9vJf8rwOQTIA5L0aDloC3oIMJSg6/0wChbYbbi1UtTx
3eUJgjoVi5X1cEqb0ekngNoJ/aqWi81X1nEF2y4w7phnRExpfBZRSlBN+E8CAwEA
AQKCAgAstJalycnI6ua2xvXH9uKWd7CG7LTLgcaB7cVCaT6EVwMKDjqjYmFgWo0+
ENtUvrCpB/zn7Zo8kBB6MAHAZimbEvFm3oOBSaO725btR+ZvjyZNE0Hezd75SLLS
Wkmn2Ae9Jsq8VzGPfXXgzmuDHwuwjsLm9lBtaklGDQ21Wd/3Oe31rPRimz2lrj5Z
SKg2lLdyFb2rty2nuk1jl3KJ2V0RmT8aUy+fhZYPleluIz5rc700w0+wydMAHIOg
5vXz8WKjv0K/8Va2kbJIOL8wmXMqOGICTvPJkCfJIp+V442DiTj/N/ThMY5E3xiJ
g4n0cMUCElbsyAJ14lWwRbG006YD/29G2ETx8CtfO5IVHtLHUm01RrjiJEiERUGq
O0zFQyKm+AlIRDb04Uwse+/jPuDnevuzsZgFrxT1oSu+EO4q5UTCAPplcUm5M1AK
NESHLfqt86XYmFnzmTJaUPDw4IQ9c/tuMM2p387VL6wTGMuIWVcuJqZKvyRa7IPo
ce7i0uKwhmxTfFsjMBLSz100OJMePYN3tBOjynQDc/6lxCh9TGF2M+IRSzDgwN5n
xbZL1Nr3V0vDJJgTEBWOejYJaS9f36FPyI5UjYhHIXZ9RSgojeYh06NIcDtB+Vj3
2N0J8imS+6ZGdKDuGkbmzFVyg36lYXEoHjO0bKIhCm7iisPZsQKCAQEA0e+HTepy
wMJkbTLzrEBH70WuZBSCE1qbh09HMYiFg4Wv2UyR5X/jYG68OLWq7SR8lLrruI93
6QNZeGCKFUd54kztp5g4kRM2+zVSbgjUF/I4pNocVhS3mCZwVWYCvSNjuuTQbzPI
B6SdXWXEDLilYOJCvW1EpUnoi/ZxS432eH7PI+yeUF2s5GO8AvuoQSUxiJd1aKDz
CL7g1V1lYD5M9jLOXK0I447Uj32AY+xEqIqslWgBPdc+7T78JjO8fxLXGC/9YJNX
GOfSy1kfW6Z3bUvhGZ3HoHY+fgoC0Z6nlkVQCE7o2JuE5+QrhGYnW39JNiAJjR2e
L6bq351Wb4OxhwKCAQEAvF2gLm5axki6MVHtqzAF1EzWwe5aBA4WJkNN83+2HLbn
/0ZerODKGa/CCFDD0CYjtjAoiw/lwWGpb9H44mFUVsm9jlWJ4ufDSwbdzkW87gay
NnHSDBpnJz4CXzbaEglHvDdZH73FBBFDp8gejWEoKdSO0epCKqXcrHQPbXW5sRDv
b5BdEnsKChin8iaubl/tvs1oS98GfQKSSxRHJYXb7/NLRbkfRGBR8Ej9p5vfbbmT
K5a2SRZBPeQ46v1YKXq7RInXkqVGmI4gzAygJqBiz4oca2Wh2SRo8B4k52tpAdFi
GmF+Y6wCPU37xMbi98MpFObwJbsfz7YBfRreWtpU+QKCAQAI3eUJFW3jVlKHii9g
hxaCtJ64+2TDDIClJmQLY4jAFVVoCCPhXZVs7UBl5MZjXbclUP/Du8uEu+97dhhe
7bXoKPegrH03I2ifE5F3tEfA+yoJTG0F9boLYxQ7hyN2eZgsvJ1RFQ7Nw9Yhq7qs
DuBtRyEqfwL3ODfqMW53kndmf3SgP84v9sTmoI/AUIC6v6dn7X23/ZRGOkmkuV0e
w4Lcoyi0IVrOwamYpeRWVBRSSgkgBlSHGCBARPjBZE4Bz/nlu6EoAxEarC/rBsic
Rluk8h9/xXo4/MWG7UVRNTI+1o6ayzpqa6chZDGyVd4zrxyYfKHqo+WafaJN74dH
DnjhAoIBAD6E9L10czyMtv/XqYLAFa85Ma58ZfQimMdqX10Kbm9pZeccfB/1HB8a
btRDujpD7mZx5YMCa8ebmpk6n9jDZTLJEtlDGtjtA6zLQqNMEkEOh+f6LzVFLieg
NTlVA1wpKF4YIMSgP9vxvvrZOQrDzIjVu/GARyXQl0XF37j88f0LGe11hO61V8ey
F0wP+qU3wbkqhAtqosSrLdMtj8+sditWHQ2vO+l97rRKBaaz3ZyVk3tMMoRflpfs
P9f+7lwWGEHPXnWV1bCcu9X9+snXQfSQao5a1TU1GH9aAfWteNTZoi4PXdvHI5cl
YwMU4BBL/j6px9s+GHjgd+4GFPcisEECggEACqeRLbfgou50rhpct2Q9WVQLZ2XB
MU/vcK3tU4KlrrT6dD7d3orUWy6AhGTWM2Adz3VHwsSlr2DOpC9ttn6tpR/QO4GP
clhOmoPAGSm/DnId48nW8nOIbkMc/KfqlBaH2CBahb8peg7AaqNL6enOHa4gWJdB
GEcRK+ILp+K2sKqO5hWX6R+BhLrvVfNaBdL5H8rVREeGnGZJEks0h4TDMts0t4wh
ZkxZ89tkK56du6yfdbXra92tcr3xxb33ZrWnT4rgwRVfe7ghm4NcIB/fBuP5/5lK
YZDA/SAQxhh8ZNgndTcwZDXrYJ+nvTKX8y60DL0CSNQt/PibEX77EzcVzA==
-----END RSA PRIVATE KEY-----
";
pub(super) const RSA4096_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAmniuvSeU0LqUTVWJ8IqR
pvoIwSIvN0BeNLk5PmdtcU1REI0U0iMTZ8BefPwXWDsi6c5UaO77ew6vd07BQeDZ
RDVY2VtJPwiVn1MO8/w3jAAGbXuUNniNp4kQkz3bgWtx6w9Dg7DFQZioUBGolh9g
1ibIkEYRn6PgvsXWby8HPF8JKMKaNlWaKcI15rFmQefQQgtA2KrWkAOGOjzmmjeD
N/MpAxFX1dnutmZZUxxkWNcZXi0q4bgqWmWvEDfPBIM6F+piYiAT+XkRNS3Xf/Kp
Ym2uRU6mKBXwAoQXtTbblgDl45aB/iuWpa6hn3FNG9q2p4tl9XwfcmYdDdODX+Ns
qqrdcTpX1Xcib0ASB23emq/VTMUhhftl1xNTmRzCKdXfhLPuw8gSfXUqmN8wgW4G
YELBRjGq4fdBgpCJ2s1juZQKf4DexRuTkbnhuWJPqnH86WBZOqiQwfT2OVVMrHSK
+UrureoS/hO5Sy6UFRDiTf4G+J5KCOq60nIgoexqep28+pX7sRf5D5/B30GfXtJH
mYtckXeXjWlot+ULZyh9tf8Ix1xMcnz36MX53v8aFEis9l+gy9vJf8rwOQTIA5L0
aDloC3oIMJSg6/0wChbYbbi1UtTx3eUJgjoVi5X1cEqb0ekngNoJ/aqWi81X1nEF
2y4w7phnRExpfBZRSlBN+E8CAwEAAQ==
-----END PUBLIC KEY-----
";
pub(super) const RSA3P_P8: &str = "\
-----BEGIN PRIVATE KEY-----
MIIClwIBADANBgkqhkiG9w0BAQEFAASCAoEwggJ9AgEBAoGBAJ1P7GB8k51XzVM9
4Tlvy/kHc1koAds4gXYfi2fjFFob2NT4P++Eb3YQMdak3MHuHbWxB0yFk1xjLFiL
7ANvns2X5mbbkSIiceQzkt6tFnMl6oHUJUJnanutF544xn+TA5zyOU4ubuQ/9zrH
wvYqRcFwR6KpVO2/V1hgTXOS9EZrAgMBAAECgYA1qFdGKffnyVUduZOjFcELNkFf
/cd0UPfHpMbWLpx4h9sT+YFFX3TtXmS8k6ggdeY3TIc9pdhIuzEqMMIAe6P869Hi
98zfYEj5uE9wh50Cm6cUGir/eOViT91Z1Caz3PEhFJ+ro8U2T9TddzfX3dkIfZP8
BGpL7jtrifOSlDFbAQIrNo1m5coo5kVH+db7PY37rI9SVoOKczFuNAB3XS1PDRIJ
oGeHbO+7DW9DjQIrGcJt82ua+TSeXG04To18NfifzgY7A8mG9cFc2wuNVAvXcOUc
pnSLBqu6sQIrMQnhotWc+Ir1DclMpmPZBqD70luC/NRFjaeRpYgSVNyPHMuUOMA0
NPp9DQIrGLSQDWFLre0YYN7jnPs3gO/mHIt/OD+lL7h3HSJ0NoJw6zbiBodJ+2ji
0QIrKIgpY5Fc1E6nDlWCFL2pxWEwPICM15w8EERM587FHbCda7aoXR706aQ36DCB
ijCBhwIrHKiLkxu10Dv40HbvBdHckE41ptt1DjmhiVQaBDVyjSIYgdrn/Q1ZC21t
BwIrCzfzg3/qeXywlzKnuPiBRkBHgm0QcqQe1zqEALfHgvYg79x4yjfKbs3ESwIr
FfEGKo7AgG+p1BcjdueVnuAK6vIMQDPYb9PskYnVJebzzNaCy5YYfDcgDQ==
-----END PRIVATE KEY-----
";
pub(super) const RSA3P_P8_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCdT+xgfJOdV81TPeE5b8v5B3NZ
KAHbOIF2H4tn4xRaG9jU+D/vhG92EDHWpNzB7h21sQdMhZNcYyxYi+wDb57Nl+Zm
25EiInHkM5LerRZzJeqB1CVCZ2p7rReeOMZ/kwOc8jlOLm7kP/c6x8L2KkXBcEei
qVTtv1dYYE1zkvRGawIDAQAB
-----END PUBLIC KEY-----
";
pub(super) const SEC1_WITH_PARAMS: &str = "\
-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEINL3/oHBv3G1nxzKBNAbxXLkfoev2/NdqNqZD2YbIYwSoAoGCCqGSM49
AwEHoUQDQgAEgJANO0UC2sHSNV5GDyEodUuVB0l5aknbb584kjWadZSBgMBcz55v
5KTz45T0uGtnAl3vJa/ktTKXDoYlSI85OA==
-----END EC PRIVATE KEY-----
";
pub(super) const P256B: &str = "\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoAoGCCqGSM49
AwEHoUQDQgAEwv6ooam0l8xyrXtsYVaemFk/Z306dwmmYoEFpTRkHV1GtPS1zT/W
OHCz4hV27HBwqmqJyOxwV3PJlxLlWgn01w==
-----END EC PRIVATE KEY-----
";
pub(super) const P256B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwv6ooam0l8xyrXtsYVaemFk/Z306
dwmmYoEFpTRkHV1GtPS1zT/WOHCz4hV27HBwqmqJyOxwV3PJlxLlWgn01w==
-----END PUBLIC KEY-----
";
pub(super) const P256B_CPUB: &str = "\
-----BEGIN PUBLIC KEY-----
MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgADwv6ooam0l8xyrXtsYVaemFk/Z306
dwmmYoEFpTRkHV0=
-----END PUBLIC KEY-----
";
pub(super) const P256_WITH_PARAMS_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgJANO0UC2sHSNV5GDyEodUuVB0l5
aknbb584kjWadZSBgMBcz55v5KTz45T0uGtnAl3vJa/ktTKXDoYlSI85OA==
-----END PUBLIC KEY-----
";
pub(super) const P256B_NOPUB_SEC1: &str = "\
-----BEGIN EC PRIVATE KEY-----
MDECAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoAoGCCqGSM49
AwEH
-----END EC PRIVATE KEY-----
";
pub(super) const SEC1_NOPARAMS: &str = "\
-----BEGIN EC PRIVATE KEY-----
MGsCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoUQDQgAEwv6o
oam0l8xyrXtsYVaemFk/Z306dwmmYoEFpTRkHV1GtPS1zT/WOHCz4hV27HBwqmqJ
yOxwV3PJlxLlWgn01w==
-----END EC PRIVATE KEY-----
";
pub(super) const SEC1_NOPARAMS_WITH_ECPARAMS: &str = "\
-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MGsCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoUQDQgAEwv6o
oam0l8xyrXtsYVaemFk/Z306dwmmYoEFpTRkHV1GtPS1zT/WOHCz4hV27HBwqmqJ
yOxwV3PJlxLlWgn01w==
-----END EC PRIVATE KEY-----
";
pub(super) const SEC1_WRONGPUB: &str = "\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIFwrRrNa3IKw7Z2lWI3HKp+02ej/NLoKLmimRQmlaFqHoAoGCCqGSM49
AwEHoUQDQgAEgJANO0UC2sHSNV5GDyEodUuVB0l5aknbb584kjWadZSBgMBcz55v
5KTz45T0uGtnAl3vJa/ktTKXDoYlSI85OA==
-----END EC PRIVATE KEY-----
";
pub(super) const P384: &str = "\
-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDAH2NK5nylgsPrknaUpZUJ5HKzKyJT2e+goRRqrPjOiLIDkgo3NyOyg
YPtBBdQTCwGgBwYFK4EEACKhZANiAAQGQ1n7wrO8rgLhyHHC1juwRrxRRxap9Gtq
lLMJIluOZGtAuA/Po9TOzRJaSoVJJzBOA+qgCQQ+NeU4+NsyQp/Hd42heNJ+PMMd
xkbCxtuWc7e7JuA7WafyXDNgRwfL764=
-----END EC PRIVATE KEY-----
";
pub(super) const P384_P8: &str = "\
-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAH2NK5nylgsPrknaUp
ZUJ5HKzKyJT2e+goRRqrPjOiLIDkgo3NyOygYPtBBdQTCwGhZANiAAQGQ1n7wrO8
rgLhyHHC1juwRrxRRxap9GtqlLMJIluOZGtAuA/Po9TOzRJaSoVJJzBOA+qgCQQ+
NeU4+NsyQp/Hd42heNJ+PMMdxkbCxtuWc7e7JuA7WafyXDNgRwfL764=
-----END PRIVATE KEY-----
";
pub(super) const P384_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEBkNZ+8KzvK4C4chxwtY7sEa8UUcWqfRr
apSzCSJbjmRrQLgPz6PUzs0SWkqFSScwTgPqoAkEPjXlOPjbMkKfx3eNoXjSfjzD
HcZGwsbblnO3uybgO1mn8lwzYEcHy++u
-----END PUBLIC KEY-----
";
pub(super) const P384B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAETCWbnntvMBlEQGlJ0MM10UvN1vLxVud3
ssdbOxEBz195OJOU7ZdTz0OsJ8p5livCz1/IJCLxvtCmb62lLkc/SMmdGqyhcXWd
0cWw8fYmTZbG+xArYXoja3HRvrXkb10G
-----END PUBLIC KEY-----
";
pub(super) const ED25519: &str = "\
-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHjTGE1BoteiJxy67CO5qJQeqfpbMgp0rNqOjUiHet7Z
-----END PRIVATE KEY-----
";
pub(super) const ED25519_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAFF3xBlUKtyUWSKjDKk3ltNZRsImzyvr2NJ36GAmtLro=
-----END PUBLIC KEY-----
";
pub(super) const ED25519B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA/N7f57CrhfAwMp90bYbxZyjVJlIdNqvCBcoPcfUkMfY=
-----END PUBLIC KEY-----
";
pub(super) const ED_V2_OK: &str = "\
-----BEGIN PRIVATE KEY-----
MFECAQEwBQYDK2VwBCIEIHjTGE1BoteiJxy67CO5qJQeqfpbMgp0rNqOjUiHet7Z
gSEAFF3xBlUKtyUWSKjDKk3ltNZRsImzyvr2NJ36GAmtLro=
-----END PRIVATE KEY-----
";
pub(super) const ED_V2_BAD: &str = "\
-----BEGIN PRIVATE KEY-----
MFECAQEwBQYDK2VwBCIEIHjTGE1BoteiJxy67CO5qJQeqfpbMgp0rNqOjUiHet7Z
gSEA/N7f57CrhfAwMp90bYbxZyjVJlIdNqvCBcoPcfUkMfY=
-----END PRIVATE KEY-----
";
pub(super) const ED448: &str = "\
-----BEGIN PRIVATE KEY-----
MEcCAQAwBQYDK2VxBDsEObSLod+j2VhlLB5SptrqBR4pQ3+C4kCB7leRrifKbcpI
el8hkL5aZqV7t6TMikfs2BzYpfR1znIj+A==
-----END PRIVATE KEY-----
";
pub(super) const ED448_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MEMwBQYDK2VxAzoAsCSXNPe68sG47pZVhptqhvA4hbN8DlsLm2TeRbKGcjEtWRqR
AVATwm+ZDCBu9SH43JIPTBO7YmgA
-----END PUBLIC KEY-----
";
pub(super) const DSA: &str = "\
-----BEGIN PRIVATE KEY-----
MIIBSgIBADCCASsGByqGSM44BAEwggEeAoGBAPxiUOANx8uzNuf8oVF8JRfrrZ8b
68PZiLbrxJi8tzuOhOn1kwK/FgUfJGVNmvxz829l1M503N6mjxDqwrQVi2j4Wp+B
QmRN6dYCnLQpAXfmdvCccIBlzIDUNw9tjNXRFLR9iAO2FI5ze48RsreXpS1lHF5A
A1wLarClCxpYYQslAhUAgC8ihmHW7CNFL+/7GUqd/quWDdsCgYAXXPWY1WOCnMGy
8muNtQH0ztp08NM+0RhRPAGyBbF18q4aFxy75RJ4wt+LXbyFZlssn6NIuTCSJ6VE
e/pMtm22dK3iwjJdnlNWQ8xAZ7zN7kN9BiQxiu/V43iWdJnPcuqiQYrdzLcaRknf
wYWRyy0llviL3pju85ESooAU5dFYjQQWAhQJ6Nwu3Q2Q6NJOK7O50eHSENWhTA==
-----END PRIVATE KEY-----
";
pub(super) const DSA_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIIBtzCCASsGByqGSM44BAEwggEeAoGBAPxiUOANx8uzNuf8oVF8JRfrrZ8b68PZ
iLbrxJi8tzuOhOn1kwK/FgUfJGVNmvxz829l1M503N6mjxDqwrQVi2j4Wp+BQmRN
6dYCnLQpAXfmdvCccIBlzIDUNw9tjNXRFLR9iAO2FI5ze48RsreXpS1lHF5AA1wL
arClCxpYYQslAhUAgC8ihmHW7CNFL+/7GUqd/quWDdsCgYAXXPWY1WOCnMGy8muN
tQH0ztp08NM+0RhRPAGyBbF18q4aFxy75RJ4wt+LXbyFZlssn6NIuTCSJ6VEe/pM
tm22dK3iwjJdnlNWQ8xAZ7zN7kN9BiQxiu/V43iWdJnPcuqiQYrdzLcaRknfwYWR
yy0llviL3pju85ESooAU5dFYjQOBhQACgYEA2uKjO0ApZk2BPAmGktN1aJS7N75/
X/MTZxjzeRuAeB70bRvV+q9dIz0xd1Sw3VqpOm+2F9ZDoVkJbhlhV9drOro+XR81
iMfiTrW50bLZJriSTmoZ/zK/wiX5PpT92gePwaQFUniGraxktuuJ398uzqsKZpHY
GgPNPrGcvaod6BQ=
-----END PUBLIC KEY-----
";
pub(super) const DSAB_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIIBtjCCASsGByqGSM44BAEwggEeAoGBAPxiUOANx8uzNuf8oVF8JRfrrZ8b68PZ
iLbrxJi8tzuOhOn1kwK/FgUfJGVNmvxz829l1M503N6mjxDqwrQVi2j4Wp+BQmRN
6dYCnLQpAXfmdvCccIBlzIDUNw9tjNXRFLR9iAO2FI5ze48RsreXpS1lHF5AA1wL
arClCxpYYQslAhUAgC8ihmHW7CNFL+/7GUqd/quWDdsCgYAXXPWY1WOCnMGy8muN
tQH0ztp08NM+0RhRPAGyBbF18q4aFxy75RJ4wt+LXbyFZlssn6NIuTCSJ6VEe/pM
tm22dK3iwjJdnlNWQ8xAZ7zN7kN9BiQxiu/V43iWdJnPcuqiQYrdzLcaRknfwYWR
yy0llviL3pju85ESooAU5dFYjQOBhAACgYAq8ksMcHoG3aLL5eXZ0I5EyEHJ9bUB
Pl23SzJM1onS3GoPkwYA0OSYvu7/h+Thwcy/5msArmLTRYr9bY9QVXiW39z+9k1Y
iq5dN7/t6WROQa3/51zfgUZeEJ/8NRQYQGBgBvtqU4bmnMf4b1iMFVCOFpzK6yZt
eijFlvpTLfyzhw==
-----END PUBLIC KEY-----
";
pub(super) const DSA_TRAD: &str = "\
-----BEGIN DSA PRIVATE KEY-----
MIIBuwIBAAKBgQD8YlDgDcfLszbn/KFRfCUX662fG+vD2Yi268SYvLc7joTp9ZMC
vxYFHyRlTZr8c/NvZdTOdNzepo8Q6sK0FYto+FqfgUJkTenWApy0KQF35nbwnHCA
ZcyA1DcPbYzV0RS0fYgDthSOc3uPEbK3l6UtZRxeQANcC2qwpQsaWGELJQIVAIAv
IoZh1uwjRS/v+xlKnf6rlg3bAoGAF1z1mNVjgpzBsvJrjbUB9M7adPDTPtEYUTwB
sgWxdfKuGhccu+USeMLfi128hWZbLJ+jSLkwkielRHv6TLZttnSt4sIyXZ5TVkPM
QGe8ze5DfQYkMYrv1eN4lnSZz3LqokGK3cy3GkZJ38GFkcstJZb4i96Y7vOREqKA
FOXRWI0CgYEA2uKjO0ApZk2BPAmGktN1aJS7N75/X/MTZxjzeRuAeB70bRvV+q9d
Iz0xd1Sw3VqpOm+2F9ZDoVkJbhlhV9drOro+XR81iMfiTrW50bLZJriSTmoZ/zK/
wiX5PpT92gePwaQFUniGraxktuuJ398uzqsKZpHYGgPNPrGcvaod6BQCFAno3C7d
DZDo0k4rs7nR4dIQ1aFM
-----END DSA PRIVATE KEY-----
";
pub(super) const SM2: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgI7FM7ewQ98QqS7t/
nDhV3T5/7kWBc7Aa9KdY+DBmXCqhRANCAARpeJFcOppg/8PU7Q+T7qL9cImXD2wn
Vj+Lun6S9VsYadD/wxjLymmHEgfDyNl9GeQeZWPxpFWxiGtFCLyh4kMU
-----END PRIVATE KEY-----
";
pub(super) const SM2_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEaXiRXDqaYP/D1O0Pk+6i/XCJlw9s
J1Y/i7p+kvVbGGnQ/8MYy8pphxIHw8jZfRnkHmVj8aRVsYhrRQi8oeJDFA==
-----END PUBLIC KEY-----
";
pub(super) const K1: &str = "\
-----BEGIN PRIVATE KEY-----
MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgFifBQqyP50KEyehhuuN/
i390ROgv7wwk2RUwhfOzFaGhRANCAATTzOKsA0fUOe+UfJfl0khlVuPjtyqGbBUg
ii1v8uHeTRuS+gPjTmjcL5v0NAQFi/b390gldg/eqa0k49yGkRPT
-----END PRIVATE KEY-----
";
pub(super) const K1_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAE08zirANH1DnvlHyX5dJIZVbj47cqhmwV
IIotb/Lh3k0bkvoD405o3C+b9DQEBYv29/dIJXYP3qmtJOPchpET0w==
-----END PUBLIC KEY-----
";
pub(super) const K1B_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEe/ggmK7MvAk9lC7YNQ4dXi7aXqW/v5E7
xj9pdCqBNwPOyQ76rrnoLvXoQ5SEi5dUN4rPBk2im4qxhApxBy5BPQ==
-----END PUBLIC KEY-----
";
pub(super) const P521: &str = "\
-----BEGIN PRIVATE KEY-----
MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIAZAfkLxiSSlALDZ8k
VeceN4S/dR1UZTW6pGCEHAsuwyODiepwnD5Dt4WTnzlXMTvxfjFGZZWnuvDdke9K
65W5qEyhgYkDgYYABAGRvLpvOpLEH5FWrDvxHwVZ2JgKhXJE0tvXpFiJr2i43W+e
fnf3d1RxB+mxQHFSBmrSlJNhL3oLrkK+rjq8YRdBZAAfS3l9ElqockMO764rJA4c
ZkiwdIlxxfU+uQ5vHgKQktw3pZ7/Bc7rhH8qq08X8vlUUiqYbLmmsHWdPOvHijf1
lA==
-----END PRIVATE KEY-----
";
pub(super) const P521_PUB: &str = "\
-----BEGIN PUBLIC KEY-----
MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQBkby6bzqSxB+RVqw78R8FWdiYCoVy
RNLb16RYia9ouN1vnn5393dUcQfpsUBxUgZq0pSTYS96C65Cvq46vGEXQWQAH0t5
fRJaqHJDDu+uKyQOHGZIsHSJccX1PrkObx4CkJLcN6We/wXO64R/KqtPF/L5VFIq
mGy5prB1nTzrx4o39ZQ=
-----END PUBLIC KEY-----
";
pub(super) const P521_NOPUB: &str = "\
-----BEGIN EC PRIVATE KEY-----
MFACAQEEQgBkB+QvGJJKUAsNnyRV5x43hL91HVRlNbqkYIQcCy7DI4OJ6nCcPkO3
hZOfOVcxO/F+MUZllae68N2R70rrlbmoTKAHBgUrgQQAIw==
-----END EC PRIVATE KEY-----
";
pub(super) const ENC_PBKDF2: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg8V8AByjSMSAICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEMdF3Bof12PILPT8su7SX/0EgZDz
E8KbIIZg9vNQ1GAN10CbktuvUUjfpwlZ0oeztPNodBtlFAaGi17XVXAuo2nmR6Li
Cea0/C3GtNC7Ez8nXluUY8PCcHgp/ITKeAl9l2xaR0c+lVwdIO7NNiIlYh8L4+Pi
D/LBUYzMYq+1VR3THsSfHWwFBB0uEqDc2o57Yd+iCGIF52hwlqI6WIL1JiTnqto=
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const ENC_SCRYPT: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHkME8GCSqGSIb3DQEFDTBCMCEGCSsGAQQB2kcECzAUBAhmEq/X0E+JjwICBAAC
AQgCAQEwHQYJYIZIAWUDBAECBBDcDzvpMBbEX0/MfyqGmfk7BIGQTnGuGhyTWEF0
mYrfANPxfMGwIumN7ynzdXVxxZAIqJ6gvx4MRZHyc/a4g1bhTshGe9Xq4jYfmRgv
L1HPQWLjyUgVKZH6jF+VZah0QwEGKMyvdPyyIvD/qDwX+Jb15YD9/gHisUtq02kO
HndDk66gNeH83H4WIMGZJxOI1+jAu+oFVQGEethOq3tCY0UGmH7C
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const ENC_SHA1: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHeMEkGCSqGSIb3DQEFDTA8MBsGCSqGSIb3DQEFDDAOBAip/ABSBbDxRgICCAAw
HQYJYIZIAWUDBAEWBBBnFpEvbf5yitXsCli4WG9oBIGQ52DNwkisGNE+l7UvJX4Z
vzTYgBrRc3dxCzOL+fKjilfHv1uLHduXziffi4euGfx3C7UVrvLrLhTh4EAtikDP
zwgAjkY07lf6So7ODYLvMBr7Km4kJKW6K/rKjTUrVaoqRy6aqALT5Qn1umDVZK8e
T+o0rDUKo6G4zzsI1Sf654rS9MQVnhzce3vD+AxdcM1O
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const ENC_DES3: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHjME4GCSqGSIb3DQEFDTBBMCkGCSqGSIb3DQEFDDAcBAieUsSh0PxJqgICCAAw
DAYIKoZIhvcNAgkFADAUBggqhkiG9w0DBwQIdjVbnIsOhBoEgZApvmjIXEATGZdA
KXQfjw9fkCa7bPE25ReyYfc7dm16PZnNoJ2UbB7XpifEP3tzL3l0hlWDrs295Lzq
X4P9q4V0yUuISbIC0Kvqkin0FQZPVwWPZfjQ4rG9qL3vuRndTz2edzn2F2CymHK4
snOrVQ+YR6Ak3jwrgsz8ateDS6S98AiJZ3S7uS+k7AiRTJXNxS8=
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const ENC_PBES1: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGxMBwGCiqGSIb3DQEMAQMwDgQI2YwJNDOmzJ4CAggABIGQlQDYYq3nlHTwuwy0
RNVCn2CbVmHbVWScnXYzy8pQ6EukwiT5Indc+TzSd7doubW5gwuV18qHwH+TOSW3
0NExDXyrd9lWZPgRfuV074K1Db2Q+YnlcJ59w6jAac4gg5FRDNkcRZp3GyI4pUpT
ig10H2v/hklNNFBFfLgBU6WbNnAPlD1G/Vk1bvxjXUajMJ/l
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const LEGACY_RSA: &str = "\
-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,6551071732FE293BD502E0EE31DE412B

6ZLi2j4CCd7X+s8NQqohB28QH4pg1f21Je7ADNCADiOdPETwCakCLmVpdE6DndkK
aseRk+fcwgALO5yry4Z+VjuVd1If9LRmzuswyoCPjhVVT6kUkWvLI+4SjWWJihNN
PI5QfCiyxk/tZ/0LXfiEo2Fr+geaL21W/EtKBZQrv1arFCX7mz39ikTClDQCJ/XG
90aAREMl5hhWtdn6TB9s513HlIFpKNotHvzStiV4F3awdEQJPtzWsixG4qoRFzcr
nqrPxgSPA5VpuveUuODoooV5ALBN/7JnDyTvDxC3bA6bb5mBDyVRJdhbkQX5SNB2
Ukq0QnMZrjoURT76olSDRXGIHXxfPZLg5Px54/imJ+jf66xBjPqJgS+PNVjK2Quo
EKttGLz4R1UxjF/KCkQzU3uxOEsFQ3WlpJltSHUOJyfz1WwLUmpna2rnHvSARnqu
GS9CzjvuhErr/0F+r0rkfm0ha7GbJE8imz8ENWkxnl+D0L5SnnjIyp3gtf64xsbc
JF32Pm3Ho/ixV1egIfEhT4r+aHqhD/LynIy2wxZ7+5rlUtXCO7H1b5hTeUgs9CuJ
mXgaTxBB+U7ZYF1RrGLNONiWjHwVjOo0KqlG80Zw8Q8jzbJok4TIfX++Ff54f/0A
u9cSKRUCXiSygBAR0Jb4x7PVQaHE4xuhKMbnJGboX6yKI1bzd6wIhaayqo7yHf7F
lWAdH2RIalEmMLaF9zo+15cbD5kykM0ghG5B29UcXIUh5V/kNLPT3pUHiBs7qrVW
Mg+eDTlEo+cAVgGKC1gTunW2inJLZgCYWXbGPzgIs/8tV1TE0CmpzWjQGH3HI4zL
-----END RSA PRIVATE KEY-----
";
pub(super) const LEGACY_EC: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-256-CBC,31C699B315BEF4FEE9C1C8192173BA4E

icRsgzE4EHx6VPLwf6qh0a+daMswefuQSRgdxfHQWXWuqXyHCCizDnRNrzQXCwZM
8XX9y+M1V6qWAovcAZWMwbIb6gX5nbDzu3OsS+KR1SP2FtVcCJhoo6Wtaq/gOM/F
E2ttyp8z6dIi8vhK6aT7RheGWAbXXyp2cqI/sqUtkME=
-----END EC PRIVATE KEY-----
";
pub(super) const LEGACY_EC_DES3: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: DES-EDE3-CBC,A41012988BA7F433

CRCPQHSx4qVFAAu5slvFG71iBUmUeY+t8mWKibWaCqQGmA5mWc+qsWtEjISaWXnc
Kwffz1SbD+xidjweA/BPkCMMIXXHSvhI1UujgCJLveuBFm2YSlFF81+Da3hlLdMw
kmCtKH/Eu3MGhE0qx5P+rro4uwujge1T/SaZxQC+ai0=
-----END EC PRIVATE KEY-----
";
pub(super) const LEGACY_EC_AES192: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-192-CBC,9D360A818C0C9699BF924B1BF9FA21A3

iCYKvVZbd3vR3z2Xe7dvpdMUiIP2uaCvMWtoKdVHSzZZC5xs3Ly4Q2PWPgExhdr2
LdG22af3YgoATIn8qO++iblCSLPd/GOVGMbLfFwwYSR3eUr9htWgsy1X/JzhBPSf
MFj8WNxl2e5oLRq5gkwFvS2xpQHGoSbQ4/kphONrfQ0=
-----END EC PRIVATE KEY-----
";
pub(super) const LEGACY_EC_DES: &str = "\
-----BEGIN EC PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: DES-CBC,656400268646FBFF

l/rdiL+TtMOs0MbzdUlPUb2mwStzf5TVqfmnDlnzfKaWtmaN48VH4oyPP7WWpb56
dGzjNTj/SJ2zPS2OXZG7Qhar7g4Wnl4mcMdg1JU7C4E7poRFk8rPvMRpXmRfCiE9
gL8wWIsIdKwxjV7gYitXUJ7OcdTUkAi3ArTdW9MKt6k=
-----END EC PRIVATE KEY-----
";
pub(super) const LEGACY_RSA_DES3: &str = "\
-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: DES-EDE3-CBC,FE7EAB54C52C5C3F

nvTSlRRhcjXG3FALI9fpGM5GpQwxvn+e3joO0azGSv40IG0f8Ppp+eIGs1KxAEmA
CaZFQHXQc6WAJwB9WUe2Z1oDLlQKcjgabqtDKTTBZThuBgVv9capGmnjiZWYZJkM
xbkosPF2olX1WzCLoP9/nZHpu06htUKLO2y9xbj5q4qIP6vHF13gtW5HpLzfVyvl
Qv/GFwrYnQoWIl9/SHReqd5zYOt7wS/1PyqFkgrnoQqJjHkFGP+EUvbGGrHeocvg
LVgSgGq8F9KUNN7YDbwneOEi8CDoveDd9WQDGx3K7lGudf01TFHfIYeG5LjEitgj
h1AgN8/yUTul/TdV6AWsZ+9KWold67B3ZOEx0HW8jnxwWmtFSzkCB+RQ/FSHAN6T
4uRzXlYcVYfWy4o4oznnYYPxy2uKDTH7GMXNLy958U363qxvi7g2WvHcXhgZDp4m
Q5aADUA1k41QsIqYfBKC+BTG147aO4wXaOS3UNW2ExHNpy8UkJd4hUPGCjpAK8gg
vX4c/hIfhagluhF4yMt3k9q1MYom8j0Z84nIP8H/fCOA7ClXFJ9HlLRpm3O6Tbrb
3qasSWOSSTFWD9X27dPVEebIyq4UjqA6CrwMSU8JCmn9Zp4KMh2+B5KZCuoIWyzq
5vJ3UfD6z+QZ28S6ThlvI5gx/fnQHTJ8gRvs5FUKH90IoyEVaNU8cVKyP1CTS3+8
BMW1wPLtqJu1aQJ8Tnuv+mU275hN+gwst0kekWeaj33bXt8PzXU98yW1L7hS74Ld
/yRupulLge8LXQ+kebewRaTNTyBKJO8TH51Zqgk0etnXRm92A6BX+Q==
-----END RSA PRIVATE KEY-----
";
pub(super) const LEGACY_DSA: &str = "\
-----BEGIN DSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,89BE615EFB2A28D87E7445FD6A752785

XSSlrK9axxjgVHi9S2Wjke03af+vU1l+vVhR29eL9TWrLWDeGxpaWsdGOxIP9ZkT
YDhl/0w9nzuIOQH4YlPAaWIC3Mh0Vz7ots7QaPjBfSJIezrgajFYdIa94hun3yzo
wasdJyyLQmfQULNQ8ETCS0Y6rulf1TKf2T2CYVTv6PIcQanL21L2y7Bvwx2yUNq/
FixcH49PDh3TxJudNBdsmg9xeE4y6scwuIiF3G0zxEuseRxEBzNchyX/fDDabiYx
EaCjaAKoSzpJSa+fSfbo/ZoVa+nOccqtgCXAwmVMglj3tM0uX4aAX1qbMylrrMt1
MjNbww9MimNHQw6GDLeEXfYdCGVybyQOJ9oDAcpOhrw3BaDjyNwdnISXT+fwZwX9
mEjLgqRWRFbCI3V902pE2NVm86KVr9LxbNPZFddfAPy171MLtwkZm5zqaa9a/Gri
6r3iRV4ly4dePzNmbMwBUcpQIOzwA5F8bl2HBDMAdSkob7B46CAkTMFFMzmNuf2+
QmihnDNp2GDa+oSa8iwbsRoEbynBQ6lPjfsOIUJpAd/Vr90x3v4ibabQzMqk/0Tg
6WcuFGoH7wphZqhkPrpWMw==
-----END DSA PRIVATE KEY-----
";
pub(super) const P256B_CERT: &str = "\
-----BEGIN CERTIFICATE-----
MIIBcjCCARmgAwIBAgIUEYRgBULUlR1XCH7ZXui0/EDZ1HUwCgYIKoZIzj0EAwIw
DzENMAsGA1UEAwwEdGVzdDAeFw0yNjExMjUwNDEzNDlaFw0yNjEyMjUwNDEzNDla
MA8xDTALBgNVBAMMBHRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATC/qih
qbSXzHKte2xhVp6YWT9nfTp3CaZigQWlNGQdXUa09LXNP9Y4cLPiFXbscHCqaonI
7HBXc8mXEuVaCfTXo1MwUTAdBgNVHQ4EFgQU6IMFtnVW+S+6yp6MhewhEBqHcOow
HwYDVR0jBBgwFoAU6IMFtnVW+S+6yp6MhewhEBqHcOowDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNHADBEAiA+C7+KfrP3iouWyeZuhU686hKNMOT9XShbyRe+
Rf7mewIgNKmuUABDIDOzzLf88uF3wi8bfO0CP5Zn5H6yvDa3Hr4=
-----END CERTIFICATE-----
";
pub(super) const RSA_BAD_P: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6TAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
pub(super) const RSA_BAD_D: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYMCQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
pub(super) const RSA_BAD_QINV: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64ECQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNN
-----END RSA PRIVATE KEY-----
";
pub(super) const RSA_BAD_DP: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDF+Ge8FBJGUvXCwkd6vJnQ4+l0PykBfl+UyHIQKm1cL3TFOT57
y3idXPFu0QxHjEbwAsN5lPcAtDjyuA+iiEre1a9C2MgDzurSkxaFmJBpGXRZLyoW
vtn3Xo8ERoDPBSBaVkkUs/nEtbSQZ7fNGTO4+N1VLV7kR5ECWcvMN6gtBQIDAQAB
AoGAOKOPGjIr4E7P3T60MJtQ7oCmRAnl83VyZyDJ8XISA7PYFq0AAW7/PRZgRLIu
bzHlAbnorxo9aMgnGtoqLvgLYyCBz00+6nz1vIHKNYCRYKKEw/Kal+2j6RL6va6P
tmRSfSe/5CPDl+aMcnfT8XtTLakBn6BuqxoGTnTR9kl2BYECQQDttHgKXD8Sg8Ao
oX6rEXZPRg5NGBLBS6zCPtQ1pePCt+92dZi79ImSRkrtC9CtkzPNoACLvxM/zUPC
v3imgP6RAkEA1TUKOa23vVr0foSMAoKQUsbnMe9bLW02nCbkG7REXE9UbMvQBgFN
rX0Ox7nCDHtJqker0h3s0a2emToaxuppNQJBAIPSKR/VuESUO+RMauqDbJDZ0OSA
DSaUyOGP5i86J+y8BFg1LtZM7l3oDXUXsEoR8BCAQs080Xf4ZTOC622q64MCQQCB
zCqPdry3YJocM+Fw3b+zRTgW5FsjyqtGYT7ZxuMfN4R0P5hDL6P0jH/lA6epJZ1x
NvTZlDJKbGJzcjY/BxJJAkABBe/osC5n+hn/a61tyTiHuf1ZamrWq9zD+ki7awL0
TPEzTWzeOwVk/Hk2iK6oYg53tjKfivVTgu+muAKGUnNM
-----END RSA PRIVATE KEY-----
";
/// SEC1 P-256 key whose scalar is 2^256 − 1 (above the order), and a secp256k1 key with scalar 0.
pub(super) const SEC1_BIG: &str =
    "MDECAQEEIP//////////////////////////////////////////oAoGCCqGSM49AwEH";
pub(super) const SEC1_ZERO: &str = "MA8CAQEEAQCgBwYFK4EEAAo=";
pub(super) const SCRYPT_N0: &str = "MGIwTgYJKoZIhvcNAQUNMEEwIAYJKwYBBAHaRwQLMBMECAECAwQFBgcIAgEAAgEIAgEBMB0GCWCGSAFlAwQBAgQQABEiM0RVZneImaq7zN3u/wQQABEiM0RVZneImaq7zN3u/w==";
pub(super) const SCRYPT_BIG: &str = "MGUwUQYJKoZIhvcNAQUNMEQwIwYJKwYBBAHaRwQLMBYECAECAwQFBgcIAgRAAAAAAgEIAgEBMB0GCWCGSAFlAwQBAgQQABEiM0RVZneImaq7zN3u/wQQABEiM0RVZneImaq7zN3u/w==";
pub(super) const PBKDF2_BIG: &str = "MG4wWgYJKoZIhvcNAQUNME0wLAYJKoZIhvcNAQUMMB8ECAECAwQFBgcIAgUA7msoADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQABEiM0RVZneImaq7zN3u/wQQABEiM0RVZneImaq7zN3u/w==";

/// `openssl pkcs8 -topk8 -v2 aes-192-cbc -v2prf hmacWithSHA224|384|512 -iter 1000` of `P256B`.
pub(super) const ENC_SHA224: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiT1G3udnNKpQICA+gw
DAYIKoZIhvcNAggFADAdBglghkgBZQMEARYEEBYF6UJI6WH0gx4dYhD4mAoEgZBm
xmJkzNOuG/AiLkgJmeXflH5XvSW0rkARXXjQfkXEwFWKd6+SeLSSpmkSv8zkQjCL
y6Fhew/7D8QRNRaKmJMRPt12XHQJUj/5/eLwxf1FJ4J6VSJ8pY7kt3VOnnujNipt
mBe+ZehZ29kg4Ml3VCcBnsy4bUQdU9tZeTzADCDBnxWsYX+yAgA4bgZQDU60ceE=
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const ENC_SHA384: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhRkOH6HZVYSwICA+gw
DAYIKoZIhvcNAgoFADAdBglghkgBZQMEARYEEDY9/9F5rRqHp/XuFBUxot4EgZCb
qcCTNxEuVuH+Ss1KM3yq8FuDXQ+Gg0ZiYIfkQ3wm0C/sUwQGBCBBRVQumHL+JV9p
q5PhxBBRz7YKGtUam/vIqMLL4GpwOxtrFwOml7edvMESGBaf8CdO6kanD/h02jh8
0bo39leAJhc66uf5i7tKoIXU3bBNo8komu6SCy8VJeaCptULBFV5ph2CAoEAs48=
-----END ENCRYPTED PRIVATE KEY-----
";
pub(super) const ENC_SHA512: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgb/O2xj1IlXAICA+gw
DAYIKoZIhvcNAgsFADAdBglghkgBZQMEARYEEGDlsOviGCkl8bU706huco8EgZBl
iSps6AZFT7hRrt3ENZF9nJWV1WRvbTWYUiHGfXz80sC1y19IWqtQXnPZM1RjeQSv
ynNhATonlcrzOr2PpYTc9tmcL1sH1tPtVwwkI8PANRJjniV8Wwf2CwWaM7s3QqzM
fxBqSkI/6gEaVbZoQ8rq1/rdNUPJKRGID+ybxJwrcxVvb8SH/a0bu+++BXrDwQk=
-----END ENCRYPTED PRIVATE KEY-----
";
/// `openssl pkcs8 -topk8 -v2 des-cbc` (legacy provider) of `P256B`.
pub(super) const ENC_DES_CBC: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHgMEsGCSqGSIb3DQEFDTA+MCkGCSqGSIb3DQEFDDAcBAgj6E0ep/8gZgICCAAw
DAYIKoZIhvcNAgkFADARBgUrDgMCBwQIJ2Ag7RnGfjwEgZBaPd1ZAWptnp9d482n
NCQVe8oD1mdJPGuRsWgfbgHwswaV5usZAc8N+odQhKZTj2KQLQeKTKs8qnujfktf
C5w3EEmrl6pNGwKh2yANiSGuPA8n7mGdLOrok3wL01VKkl9CqnzKrv7YJIQmUm3c
dq/gSmSBFXyrjPjBljSnky19aOIXbJLR822/PWsdc6E03s4=
-----END ENCRYPTED PRIVATE KEY-----
";
/// PBKDF2-HMAC-SHA256 (2048 rounds) + AES-128-GCM and AES-256-GCM of `P256B`'s PKCS#8, written
/// by the `pkcs5` crate (`Parameters { kdf, encryption: Aes128Gcm/Aes256Gcm { nonce } }`,
/// `encrypt`): the GCM parameters are the bare 12-byte nonce, the 16-byte tag follows the data.
pub(super) const ENC_GCM128: &str = "MIH6MFsGCSqGSIb3DQEFDTBOMDEGCSqGSIb3DQEFDDAkBBARERERERERERERERERERERAgIIADAMBggqhkiG9w0CCQUAMBkGCWCGSAFlAwQBBgQMIiIiIiIiIiIiIiIiBIGaPGMtQxHAS3L73gtj2ue1b6fqjiD+gkbmuZHabcNa60D0KH35O52OXzyPxfXFnc6kukGX+pXTVeSY9cBZrK9ngkILVvD+f5gJntku6Z9T4IGslUTrc5shLq+xW0qKYGa+qrdL6I1Shgv16rkJpaWpY9A8fyb+GSsxJosmHt2PlmxRtyEmVK3OMT9PNB0KPDB5jEBBWNxUpx4uIw==";
pub(super) const ENC_GCM256: &str = "MIH6MFsGCSqGSIb3DQEFDTBOMDEGCSqGSIb3DQEFDDAkBBASEhISEhISEhISEhISEhISAgIIADAMBggqhkiG9w0CCQUAMBkGCWCGSAFlAwQBLgQMIyMjIyMjIyMjIyMjBIGadX1vfKMO6n5fXAPSZ+7fc45roZY/f4FtvsvZW9O+7yY1thJWkY3355sIyY2zKsLBVo825FUeHcNOlSrw0IgZ5X7scXWRJHFQoaP3MiaZ8J9Eoo1j/6OcMx7YRW4JOoo4ptcelaW9KwItxOkrFADbZ3CF05YcaedxvtihsnF7O39kSlGJps0hV2r9WdvJWylN4LRG2dd007oGHg==";
/// PBKDF2-HMAC-SHA256 (1000 rounds) with a 40-byte salt + AES-128-CBC of `P256B`'s PKCS#8: key
/// from `openssl kdf ... PBKDF2`, data from `openssl enc -aes-128-cbc`, DER assembled by hand;
/// `openssl pkcs8 -passin pass:secret` decrypts it.
pub(super) const ENC_SALT40: &str = "MIIBDDB3BgkqhkiG9w0BBQ0wajBJBgkqhkiG9w0BBQwwPAQopaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpQICA+gwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEAARIjNEVWZ3iJmqu8zd7v8EgZBhG+wC3+3mH6PssI8uz9yptFSFUH7zPrQ0mVqpQluZHp2w8FDHKvQOV1N36F+BVDhic32ajALWoXgzCZ9JFRcTc1Jso2/Db8/vjcSr4vQeh4/ZGGqvwwTfhixcAObf0/eeBKgwqvcpw5PvsogrtCoHA0yQ2O3KqtffeJ3zl3s6TDm4hogNX3dAX6dupiyx3l4=";

/// A DER TLV with a definite length, for structures built by hand.
pub(super) fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body = parts.concat();
    let mut out = vec![tag];
    match body.len() {
        n @ 0..=127 => out.push(n as u8),
        n @ 128..=255 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend(body);
    out
}

pub(super) fn oid_der(dotted: &str) -> Vec<u8> {
    tlv(0x06, &[Oid::new(dotted).unwrap().as_bytes()])
}

/// EncryptedPrivateKeyInfo { PBES2 { kdf, cipher }, data }.
pub(super) fn pbes2_der(kdf: &[u8], cipher: &[u8], data: &[u8]) -> Vec<u8> {
    let params = tlv(0x30, &[kdf, cipher]);
    let alg = tlv(0x30, &[&oid_der("1.2.840.113549.1.5.13"), &params]);
    tlv(0x30, &[&alg, &tlv(0x04, &[data])])
}

pub(super) fn pbkdf2_alg(fields: &[&[u8]]) -> Vec<u8> {
    tlv(
        0x30,
        &[&oid_der("1.2.840.113549.1.5.12"), &tlv(0x30, fields)],
    )
}

pub(super) fn scrypt_alg(fields: &[&[u8]]) -> Vec<u8> {
    tlv(
        0x30,
        &[&oid_der("1.3.6.1.4.1.11591.4.11"), &tlv(0x30, fields)],
    )
}

pub(super) fn cipher_alg(dotted: &str, iv: &[u8]) -> Vec<u8> {
    tlv(0x30, &[&oid_der(dotted), &tlv(0x04, &[iv])])
}

pub(super) fn unsupported(der: &[u8]) -> KeyError {
    key_with(&pem_of("ENCRYPTED PRIVATE KEY", der), "secret").unwrap_err()
}

/// Bytes from lowercase or uppercase hex (test vectors).
pub(super) fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}
