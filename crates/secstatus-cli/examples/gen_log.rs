//! A reproducible synthetic log for benchmarks: mixed realistic lines, about 0.5% of them carrying SSPI codes in
//! every recognised form (sparse), or a code on every line, as in exported Security logs and event dumps (dense).
//!
//! `cargo run --release --example gen_log -- MIB [SEED] [sparse|dense] > FILE` writes MIB mebibytes (default 16,
//! seed 1, sparse).

use std::io::{self, BufWriter, Write};

/// xorshift64*: small, fast, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PLAIN: &[&str] = &[
    "GET /api/v1/orders/{n} 200 {n}ms user=alice@corp.example",
    "POST /login 302 {n}ms session={hex}",
    "connection from 10.0.{n}.{n}:{n} accepted",
    "cache hit ratio {n}% over {n} requests",
    "worker {n} finished job {hex} in {n} ms",
    "TLS handshake completed: TLS1.3 TLS_AES_256_GCM_SHA384 peer=db{n}.corp.example",
    "Kerberos ticket renewed for HTTP/web{n}.corp.example until 2026-11-25T09:00:00Z",
    "checkpoint written: lsn {n}, {n} pages, duration {n} ms",
    "user bob logged on from WS{n} (LogonType 3, Negotiate)",
    "GC pause {n} ms, heap {n} MiB / {n} MiB",
];

const WITH_CODE: &[&str] = &[
    "schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.",
    "SSPI handshake failed with error code 0x8009030c, state 14 while establishing a connection with integrated security",
    "LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580",
    "pywintypes.error: (-2146893044, 'InitializeSecurityContext', 'The logon attempt failed')",
    "System.ComponentModel.Win32Exception (0x80090322): The target principal name is incorrect.",
    "AcquireCredentialsHandle returned 2148074254",
    "InitializeSecurityContext returned 0x90312, sending token",
    "[WinError -2146893054] The function requested is not supported",
    "Kerberos error SEC_E_TIME_SKEW: clocks differ",
];

/// Lines of exported event logs: a code on every line, often two (the Security log's status and sub-status).
const DENSE: &[&str] = &[
    "Security 4625 An account failed to log on. Status: 0xC000006D Sub Status: 0xC000006A Logon Type: 3 Workstation: WS{n}",
    "Security 4625 An account failed to log on. Status: 0xC000006D Sub Status: 0xC0000064 Logon Type: 3 Workstation: WS{n}",
    "Security 4776 The computer attempted to validate the credentials for an account. Error Code: 0xC000006A",
    "Security 4625 An account failed to log on. Status: 0xC000015B Sub Status: 0x0 Logon Type: 10",
    "Application SSPI handshake failed with error code 0x8009030c, state 14 while establishing a connection",
    "Application LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580",
    "System schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.",
];

const LEVELS: &[&str] = &["INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"];

fn fill(template: &str, rng: &mut Rng, out: &mut Vec<u8>) {
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        if rest[i..].starts_with("{n}") {
            out.extend_from_slice(rng.below(10_000).to_string().as_bytes());
            rest = &rest[i + 3..];
        } else if rest[i..].starts_with("{hex}") {
            out.extend_from_slice(format!("{:016x}", rng.next()).as_bytes());
            rest = &rest[i + 5..];
        } else {
            out.push(b'{');
            rest = &rest[i + 1..];
        }
    }
    out.extend_from_slice(rest.as_bytes());
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mib: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let dense = args.next().is_some_and(|a| a == "dense");
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let target = mib * 1024 * 1024;
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut line = Vec::with_capacity(512);
    let mut written = 0u64;
    let mut seconds = 0u64;
    while written < target {
        line.clear();
        seconds += rng.below(3);
        let (h, m, s) = (9 + seconds / 3600 % 14, seconds / 60 % 60, seconds % 60);
        let ms = rng.below(1000);
        line.extend_from_slice(
            format!(
                "2026-11-24 {h:02}:{m:02}:{s:02}.{ms:03} {} ",
                rng.pick(LEVELS)
            )
            .as_bytes(),
        );
        let template = if dense {
            rng.pick(DENSE)
        } else if rng.below(200) == 0 {
            rng.pick(WITH_CODE)
        } else {
            rng.pick(PLAIN)
        };
        fill(template, &mut rng, &mut line);
        line.push(b'\n');
        let take = line.len().min((target - written) as usize);
        out.write_all(&line[..take])?;
        written += take as u64;
    }
    out.flush()
}
