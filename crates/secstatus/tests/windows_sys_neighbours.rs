//! The neighbouring systems' header-defined values (NTSTATUS, Win32 errors, non-SSPI HRESULTs) against the
//! `windows-sys` crate's constants, an independent binding: a typo in data/mappings.toml cannot pass.

use secstatus::{foreign, foreign_by_name, foreigns, System};
use windows_sys::Win32::Foundation;
use windows_sys::Win32::Security::Credentials;

/// Every NTSTATUS, Win32 and HRESULT name of data/mappings.toml, with its value in windows-sys.
fn binding() -> Vec<(System, &'static str, u32)> {
    vec![
        (
            System::NtStatus,
            "STATUS_INVALID_HANDLE",
            Foundation::STATUS_INVALID_HANDLE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_PARAMETER",
            Foundation::STATUS_INVALID_PARAMETER as u32,
        ),
        (
            System::NtStatus,
            "STATUS_BUFFER_TOO_SMALL",
            Foundation::STATUS_BUFFER_TOO_SMALL as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INTERNAL_ERROR",
            Foundation::STATUS_INTERNAL_ERROR as u32,
        ),
        (
            System::NtStatus,
            "STATUS_UNFINISHED_CONTEXT_DELETED",
            Foundation::STATUS_UNFINISHED_CONTEXT_DELETED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_TGT_REPLY",
            Foundation::STATUS_NO_TGT_REPLY as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_IP_ADDRESSES",
            Foundation::STATUS_NO_IP_ADDRESSES as u32,
        ),
        (
            System::NtStatus,
            "STATUS_WRONG_CREDENTIAL_HANDLE",
            Foundation::STATUS_WRONG_CREDENTIAL_HANDLE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_CRYPTO_SYSTEM_INVALID",
            Foundation::STATUS_CRYPTO_SYSTEM_INVALID as u32,
        ),
        (
            System::NtStatus,
            "STATUS_MAX_REFERRALS_EXCEEDED",
            Foundation::STATUS_MAX_REFERRALS_EXCEEDED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_MUST_BE_KDC",
            Foundation::STATUS_MUST_BE_KDC as u32,
        ),
        (
            System::NtStatus,
            "STATUS_STRONG_CRYPTO_NOT_SUPPORTED",
            Foundation::STATUS_STRONG_CRYPTO_NOT_SUPPORTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_TOO_MANY_PRINCIPALS",
            Foundation::STATUS_TOO_MANY_PRINCIPALS as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_PA_DATA",
            Foundation::STATUS_NO_PA_DATA as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PKINIT_NAME_MISMATCH",
            Foundation::STATUS_PKINIT_NAME_MISMATCH as u32,
        ),
        (
            System::NtStatus,
            "STATUS_SMARTCARD_LOGON_REQUIRED",
            Foundation::STATUS_SMARTCARD_LOGON_REQUIRED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_KDC_INVALID_REQUEST",
            Foundation::STATUS_KDC_INVALID_REQUEST as u32,
        ),
        (
            System::NtStatus,
            "STATUS_KDC_UNABLE_TO_REFER",
            Foundation::STATUS_KDC_UNABLE_TO_REFER as u32,
        ),
        (
            System::NtStatus,
            "STATUS_KDC_UNKNOWN_ETYPE",
            Foundation::STATUS_KDC_UNKNOWN_ETYPE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_SHUTDOWN_IN_PROGRESS",
            Foundation::STATUS_SHUTDOWN_IN_PROGRESS as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_KERB_KEY",
            Foundation::STATUS_NO_KERB_KEY as u32,
        ),
        (
            System::NtStatus,
            "STATUS_UNSUPPORTED_PREAUTH",
            Foundation::STATUS_UNSUPPORTED_PREAUTH as u32,
        ),
        (
            System::NtStatus,
            "STATUS_BAD_BINDINGS",
            Foundation::STATUS_BAD_BINDINGS as u32,
        ),
        (
            System::NtStatus,
            "STATUS_DOWNGRADE_DETECTED",
            Credentials::STATUS_DOWNGRADE_DETECTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_SMARTCARD_CERT_REVOKED",
            Foundation::STATUS_SMARTCARD_CERT_REVOKED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ISSUING_CA_UNTRUSTED",
            Foundation::STATUS_ISSUING_CA_UNTRUSTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_REVOCATION_OFFLINE_C",
            Foundation::STATUS_REVOCATION_OFFLINE_C as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PKINIT_CLIENT_FAILURE",
            Foundation::STATUS_PKINIT_CLIENT_FAILURE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_SMARTCARD_CERT_EXPIRED",
            Foundation::STATUS_SMARTCARD_CERT_EXPIRED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_S4U_PROT_SUPPORT",
            Foundation::STATUS_NO_S4U_PROT_SUPPORT as u32,
        ),
        (
            System::NtStatus,
            "STATUS_CROSSREALM_DELEGATION_FAILURE",
            Foundation::STATUS_CROSSREALM_DELEGATION_FAILURE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_REVOCATION_OFFLINE_KDC",
            Foundation::STATUS_REVOCATION_OFFLINE_KDC as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ISSUING_CA_UNTRUSTED_KDC",
            Foundation::STATUS_ISSUING_CA_UNTRUSTED_KDC as u32,
        ),
        (
            System::NtStatus,
            "STATUS_KDC_CERT_EXPIRED",
            Foundation::STATUS_KDC_CERT_EXPIRED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_KDC_CERT_REVOKED",
            Foundation::STATUS_KDC_CERT_REVOKED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_LOGON_FAILURE",
            Credentials::STATUS_LOGON_FAILURE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_TIME_DIFFERENCE_AT_DC",
            Foundation::STATUS_TIME_DIFFERENCE_AT_DC as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_LOGON_SERVERS",
            Foundation::STATUS_NO_LOGON_SERVERS as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ACCESS_DENIED",
            Foundation::STATUS_ACCESS_DENIED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INSUFFICIENT_RESOURCES",
            Foundation::STATUS_INSUFFICIENT_RESOURCES as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NOT_SUPPORTED",
            Foundation::STATUS_NOT_SUPPORTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_OBJECT_NAME_NOT_FOUND",
            Foundation::STATUS_OBJECT_NAME_NOT_FOUND as u32,
        ),
        (
            System::NtStatus,
            "STATUS_DECRYPTION_FAILED",
            Foundation::STATUS_DECRYPTION_FAILED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ENCRYPTION_FAILED",
            Foundation::STATUS_ENCRYPTION_FAILED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_REQUEST_OUT_OF_SEQUENCE",
            Foundation::STATUS_REQUEST_OUT_OF_SEQUENCE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_NETWORK_RESPONSE",
            Foundation::STATUS_INVALID_NETWORK_RESPONSE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PORT_DISCONNECTED",
            Foundation::STATUS_PORT_DISCONNECTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ACCOUNT_LOCKED_OUT",
            Credentials::STATUS_ACCOUNT_LOCKED_OUT as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_ACCOUNT_NAME",
            Foundation::STATUS_INVALID_ACCOUNT_NAME as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PASSWORD_EXPIRED",
            Credentials::STATUS_PASSWORD_EXPIRED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_WORKSTATION",
            Foundation::STATUS_INVALID_WORKSTATION as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_COMPUTER_NAME",
            Foundation::STATUS_INVALID_COMPUTER_NAME as u32,
        ),
        (
            System::NtStatus,
            "STATUS_DOMAIN_CONTROLLER_NOT_FOUND",
            Foundation::STATUS_DOMAIN_CONTROLLER_NOT_FOUND as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_SUCH_USER",
            Credentials::STATUS_NO_SUCH_USER as u32,
        ),
        (
            System::NtStatus,
            "STATUS_WRONG_PASSWORD",
            Credentials::STATUS_WRONG_PASSWORD as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ACCOUNT_RESTRICTION",
            Credentials::STATUS_ACCOUNT_RESTRICTION as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_LOGON_HOURS",
            Foundation::STATUS_INVALID_LOGON_HOURS as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PASSWORD_MUST_CHANGE",
            Credentials::STATUS_PASSWORD_MUST_CHANGE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ACCOUNT_DISABLED",
            Credentials::STATUS_ACCOUNT_DISABLED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_ACCOUNT_EXPIRED",
            Credentials::STATUS_ACCOUNT_EXPIRED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_LOGON_TYPE_NOT_GRANTED",
            Credentials::STATUS_LOGON_TYPE_NOT_GRANTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_TRUSTED_RELATIONSHIP_FAILURE",
            Foundation::STATUS_TRUSTED_RELATIONSHIP_FAILURE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_TRUSTED_DOMAIN_FAILURE",
            Foundation::STATUS_TRUSTED_DOMAIN_FAILURE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NETLOGON_NOT_STARTED",
            Foundation::STATUS_NETLOGON_NOT_STARTED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_INVALID_SERVER_STATE",
            Foundation::STATUS_INVALID_SERVER_STATE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NOT_FOUND",
            Foundation::STATUS_NOT_FOUND as u32,
        ),
        (
            System::NtStatus,
            "STATUS_AUTHENTICATION_FIREWALL_FAILED",
            Credentials::STATUS_AUTHENTICATION_FIREWALL_FAILED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PKINIT_FAILURE",
            Foundation::STATUS_PKINIT_FAILURE as u32,
        ),
        (
            System::Win32,
            "ERROR_NO_SUCH_USER",
            Foundation::ERROR_NO_SUCH_USER,
        ),
        (
            System::Win32,
            "ERROR_LOGON_FAILURE",
            Foundation::ERROR_LOGON_FAILURE,
        ),
        (
            System::Win32,
            "ERROR_INVALID_LOGON_HOURS",
            Foundation::ERROR_INVALID_LOGON_HOURS,
        ),
        (
            System::Win32,
            "ERROR_INVALID_WORKSTATION",
            Foundation::ERROR_INVALID_WORKSTATION,
        ),
        (
            System::Win32,
            "ERROR_PASSWORD_EXPIRED",
            Foundation::ERROR_PASSWORD_EXPIRED,
        ),
        (
            System::Win32,
            "ERROR_ACCOUNT_DISABLED",
            Foundation::ERROR_ACCOUNT_DISABLED,
        ),
        (
            System::Win32,
            "ERROR_TOO_MANY_CONTEXT_IDS",
            Foundation::ERROR_TOO_MANY_CONTEXT_IDS,
        ),
        (
            System::Win32,
            "ERROR_ACCOUNT_EXPIRED",
            Foundation::ERROR_ACCOUNT_EXPIRED,
        ),
        (
            System::Win32,
            "ERROR_PASSWORD_MUST_CHANGE",
            Foundation::ERROR_PASSWORD_MUST_CHANGE,
        ),
        (
            System::Win32,
            "ERROR_ACCOUNT_LOCKED_OUT",
            Foundation::ERROR_ACCOUNT_LOCKED_OUT,
        ),
        (
            System::Win32,
            "ERROR_DS_INTERNAL_FAILURE",
            Foundation::ERROR_DS_INTERNAL_FAILURE,
        ),
        (
            System::HResult,
            "CRYPT_E_REVOKED",
            Foundation::CRYPT_E_REVOKED as u32,
        ),
        (
            System::HResult,
            "CRYPT_E_NO_REVOCATION_CHECK",
            Foundation::CRYPT_E_NO_REVOCATION_CHECK as u32,
        ),
        (
            System::HResult,
            "CRYPT_E_REVOCATION_OFFLINE",
            Foundation::CRYPT_E_REVOCATION_OFFLINE as u32,
        ),
        (
            System::HResult,
            "CERT_E_EXPIRED",
            Foundation::CERT_E_EXPIRED as u32,
        ),
        (
            System::HResult,
            "CERT_E_UNTRUSTEDROOT",
            Foundation::CERT_E_UNTRUSTEDROOT as u32,
        ),
        (
            System::HResult,
            "CERT_E_CN_NO_MATCH",
            Foundation::CERT_E_CN_NO_MATCH as u32,
        ),
        (
            System::HResult,
            "CERT_E_CHAINING",
            Foundation::CERT_E_CHAINING as u32,
        ),
        (
            System::HResult,
            "CRYPT_E_NOT_FOUND",
            Foundation::CRYPT_E_NOT_FOUND as u32,
        ),
        (
            System::NtStatus,
            "STATUS_UNSUCCESSFUL",
            Foundation::STATUS_UNSUCCESSFUL as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PASSWORD_RESTRICTION",
            Foundation::STATUS_PASSWORD_RESTRICTION as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_SUCH_PACKAGE",
            Foundation::STATUS_NO_SUCH_PACKAGE as u32,
        ),
        (
            System::NtStatus,
            "STATUS_NO_TRUST_SAM_ACCOUNT",
            Foundation::STATUS_NO_TRUST_SAM_ACCOUNT as u32,
        ),
        (
            System::NtStatus,
            "STATUS_MUTUAL_AUTHENTICATION_FAILED",
            Foundation::STATUS_MUTUAL_AUTHENTICATION_FAILED as u32,
        ),
        (
            System::NtStatus,
            "STATUS_SMARTCARD_WRONG_PIN",
            Foundation::STATUS_SMARTCARD_WRONG_PIN as u32,
        ),
        (
            System::NtStatus,
            "STATUS_PKU2U_CERT_FAILURE",
            Foundation::STATUS_PKU2U_CERT_FAILURE as u32,
        ),
        (
            System::Win32,
            "ERROR_PASSWORD_RESTRICTION",
            Foundation::ERROR_PASSWORD_RESTRICTION,
        ),
        (
            System::Win32,
            "ERROR_ACCOUNT_RESTRICTION",
            Foundation::ERROR_ACCOUNT_RESTRICTION,
        ),
        (
            System::Win32,
            "ERROR_LOGON_TYPE_NOT_GRANTED",
            Foundation::ERROR_LOGON_TYPE_NOT_GRANTED,
        ),
        (
            System::Win32,
            "ERROR_WRONG_TARGET_NAME",
            Foundation::ERROR_WRONG_TARGET_NAME,
        ),
        (
            System::Win32,
            "ERROR_TIME_SKEW",
            Foundation::ERROR_TIME_SKEW,
        ),
        (
            System::HResult,
            "NTE_BAD_KEYSET",
            Foundation::NTE_BAD_KEYSET as u32,
        ),
        (
            System::HResult,
            "CRYPT_E_NO_REVOCATION_DLL",
            Foundation::CRYPT_E_NO_REVOCATION_DLL as u32,
        ),
        (
            System::HResult,
            "CRYPT_E_NOT_IN_REVOCATION_DATABASE",
            Foundation::CRYPT_E_NOT_IN_REVOCATION_DATABASE as u32,
        ),
        (
            System::HResult,
            "TRUST_E_CERT_SIGNATURE",
            Foundation::TRUST_E_CERT_SIGNATURE as u32,
        ),
        (
            System::HResult,
            "CERT_E_REVOKED",
            Foundation::CERT_E_REVOKED as u32,
        ),
        (
            System::HResult,
            "CERT_E_UNTRUSTEDTESTROOT",
            Foundation::CERT_E_UNTRUSTEDTESTROOT as u32,
        ),
        (
            System::HResult,
            "CERT_E_REVOCATION_FAILURE",
            Foundation::CERT_E_REVOCATION_FAILURE as u32,
        ),
        (
            System::HResult,
            "CERT_E_WRONG_USAGE",
            Foundation::CERT_E_WRONG_USAGE as u32,
        ),
        (
            System::HResult,
            "CERT_E_UNTRUSTEDCA",
            Foundation::CERT_E_UNTRUSTEDCA as u32,
        ),
        (
            System::HResult,
            "CERT_E_INVALID_NAME",
            Foundation::CERT_E_INVALID_NAME as u32,
        ),
    ]
}

#[test]
fn every_neighbour_value_equals_the_binding() {
    for (system, name, value) in binding() {
        let f = foreign_by_name(name).unwrap_or_else(|| panic!("{name} is missing"));
        assert_eq!((f.system(), f.value()), (system, value), "{name}");
        assert_eq!(
            foreign(system, value).map(|f| f.name()),
            Some(name),
            "{name}"
        );
    }
}

#[test]
fn every_header_defined_neighbour_is_checked() {
    let checked: Vec<&str> = binding().into_iter().map(|(_, name, _)| name).collect();
    let header_defined = foreigns().filter(|f| {
        matches!(
            f.system(),
            System::NtStatus | System::Win32 | System::HResult
        )
    });
    for f in header_defined {
        assert!(
            checked.contains(&f.name()),
            "{} is not compared with windows-sys",
            f.name()
        );
    }
}
