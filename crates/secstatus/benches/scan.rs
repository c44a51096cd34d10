//! Scanner throughput in bytes per second: `cargo bench -p secstatus --bench scan`; with `--all-features`, also
//! the message-text pass and both merged, as annotate runs them.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// About 4 MiB of log-like lines, one in 200 carrying a code (as the annotate benchmark's generator makes them).
fn log(with_codes: bool) -> Vec<u8> {
    let plain = [
        "2026-11-24 09:14:02.118 INFO  GET /api/v1/orders/4242 200 17ms user=alice@corp.example\n",
        "2026-11-24 09:14:02.907 DEBUG connection from 10.0.3.17:51512 accepted\n",
        "2026-11-24 09:14:03.402 WARN  checkpoint written: lsn 3326, 2845 pages, duration 3144 ms\n",
        "2026-11-24 09:14:03.771 INFO  TLS handshake completed: TLS1.3 TLS_AES_256_GCM_SHA384 peer=db7.corp.example\n",
    ];
    let coded = [
        "2026-11-24 09:14:05.007 ERROR SSPI handshake failed with error code 0x8009030c, state 14\n",
        "2026-11-24 09:14:06.311 ERROR LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042F, data 52e, v2580\n",
        "pywintypes.error: (-2146893044, 'InitializeSecurityContext', 'The logon attempt failed')\n",
        "schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325)\n",
    ];
    let mut out = Vec::new();
    let mut i = 0usize;
    while out.len() < 4 << 20 {
        let line = if with_codes && i % 200 == 199 {
            coded[i / 200 % coded.len()]
        } else {
            plain[i % plain.len()]
        };
        out.extend_from_slice(line.as_bytes());
        i += 1;
    }
    out
}

fn scan(c: &mut Criterion) {
    let mut group = c.benchmark_group("scan");
    for (name, data) in [
        ("log_0.5pct_codes", log(true)),
        ("log_no_codes", log(false)),
    ] {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| secstatus::scan(std::hint::black_box(&data)).count())
        });
        #[cfg(feature = "texts")]
        {
            group.bench_function(format!("{name}/messages"), |b| {
                b.iter(|| secstatus::find_messages(std::hint::black_box(&data)).count())
            });
            group.bench_function(format!("{name}/codes_and_messages"), |b| {
                b.iter(|| secstatus::find_codes(std::hint::black_box(&data)).count())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, scan);
criterion_main!(benches);
