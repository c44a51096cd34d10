//! The Russian texts the review of the Russian texts marked as errors, through the public API only: each keeps the
//! corrected wording and no longer carries the wrong term.

use secstatus::{lookup_name, Advice, KerberosError, Lang};

fn russian(advice: &[Advice]) -> Vec<&'static str> {
    advice.iter().map(|a| a.get(Lang::Ru)).collect()
}

/// A null pointer is not an empty buffer.
#[test]
fn invalid_parameter_says_null_not_empty_buffer() {
    let e = lookup_name("SEC_E_INVALID_PARAMETER").unwrap();
    let causes = russian(e.causes());
    assert!(
        causes[0].contains("NULL вместо буфера или буфер неверного размера"),
        "{}",
        causes[0]
    );
    for text in causes.iter().chain(russian(e.fixes()).iter()) {
        assert!(!text.contains("пустой буфер"), "{text}");
    }
}

/// The CredSSP policies are quoted by their names in Russian Windows (spelled without «ё», as Windows prints them).
#[test]
fn policy_ntlm_only_quotes_the_russian_policy_names() {
    let e = lookup_name("SEC_E_POLICY_NLTM_ONLY").unwrap();
    let causes = russian(e.causes()).join("\n");
    for kind in ["новых учетных данных", "сохраненных учетных данных"]
    {
        let name =
            format!("«Разрешить передачу {kind} с проверкой подлинности сервера только NTLM»");
        assert!(causes.contains(&name), "{name} in {causes}");
    }
    assert!(
        causes.contains(
            "«Разрешить передачу учетных данных, установленных по умолчанию, с проверкой подлинности сервера только NTLM»"
        ),
        "{causes}"
    );
    assert!(!causes.contains("Разрешить делегирование"), "{causes}");
}

/// KDC_ERR_BADOPTION: the KDC cannot carry out the request with the option asked for, not "carry out an option".
#[test]
fn kdc_err_badoption_meaning_is_about_the_request() {
    let meaning = KerberosError(13).info().unwrap().meaning().get(Lang::Ru);
    assert_eq!(
        meaning,
        "KDC не может выполнить запрос с указанным параметром (option)."
    );
    assert!(
        !meaning.contains("выполнить запрошенный параметр"),
        "{meaning}"
    );
}
