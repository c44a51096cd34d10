//! `closed_set!` (`use crate::closed_set::closed_set;`): one declaration per closed set of names ([`crate::Category`], [`crate::Severity`],
//! [`crate::System`], [`crate::Reading`], ...), giving the enum, `ALL`, `as_str`, `FromStr` and, where the set has
//! labels for people, `label`.
//!
//! A variant is `Name = ("key", "English label", "Russian label")`, or `Name = "key"` for a set without labels.
//! `ALL` is a slice, or an array where the enum is declared `pub enum Name [array]` (the type the set has always
//! had).

macro_rules! closed_set {
    // A set with labels.
    (
        $(#[$meta:meta])*
        pub enum $name:ident $([$array:ident])? {
            $( $(#[$vmeta:meta])* $variant:ident = ($key:literal, $en:literal, $ru:literal), )+
        }
    ) => {
        $crate::closed_set::closed_set!(@common $(#[$meta])* $name $([$array])? { $( $(#[$vmeta])* $variant = $key, )+ });

        impl $name {
            /// The name in `lang`, for people.
            ///
            /// ```
            #[doc = concat!("use secstatus::{", stringify!($name), ", Lang};")]
            $(#[doc = concat!(
                "assert_eq!((", stringify!($name), "::", stringify!($variant), ".label(Lang::En), ",
                stringify!($name), "::", stringify!($variant), ".label(Lang::Ru)), (",
                stringify!($en), ", ", stringify!($ru), "));"
            )])+
            /// ```
            pub const fn label(self, lang: $crate::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, $crate::Lang::En) => $en, ($name::$variant, $crate::Lang::Ru) => $ru,)+
                }
            }
        }
    };
    // A set without labels.
    (
        $(#[$meta:meta])*
        pub enum $name:ident $([$array:ident])? {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal, )+
        }
    ) => {
        $crate::closed_set::closed_set!(@common $(#[$meta])* $name $([$array])? { $( $(#[$vmeta])* $variant = $key, )+ });
    };
    (@all $name:ident { $($variant:ident)+ }) => {
        /// Every value, in declaration order.
        ///
        /// ```
        #[doc = concat!("use secstatus::", stringify!($name), ";")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::ALL, [")]
        $(#[doc = concat!("    ", stringify!($name), "::", stringify!($variant), ",")])+
        /// ]);
        /// // Declaration order is also the order of `Ord`.
        #[doc = concat!("assert!(", stringify!($name), "::ALL.windows(2).all(|w| w[0] < w[1]));")]
        /// ```
        pub const ALL: &'static [$name] = &[$($name::$variant),+];
    };
    (@all array $name:ident { $($variant:ident)+ }) => {
        /// Every value, in declaration order.
        ///
        /// ```
        #[doc = concat!("use secstatus::", stringify!($name), ";")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::ALL, [")]
        $(#[doc = concat!("    ", stringify!($name), "::", stringify!($variant), ",")])+
        /// ]);
        /// // Declaration order is also the order of `Ord`.
        #[doc = concat!("assert!(", stringify!($name), "::ALL.windows(2).all(|w| w[0] < w[1]));")]
        /// ```
        pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];
    };
    (@common $(#[$meta:meta])* $name:ident $([$array:ident])? {
        $( $(#[$vmeta:meta])* $variant:ident = $key:literal, )+
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            $crate::closed_set::closed_set!(@all $($array)? $name { $($variant)+ });

            /// The stable name JSON, the command line and the data files use.
            ///
            /// ```
            #[doc = concat!("use secstatus::", stringify!($name), ";")]
            $(#[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($variant), ".as_str(), ", stringify!($key), ");")])+
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }
        }

        impl core::str::FromStr for $name {
            type Err = $crate::UnknownName;

            /// Parses the stable name returned by `as_str`, exactly: no other case, no label.
            ///
            /// ```
            #[doc = concat!("use secstatus::{", stringify!($name), ", UnknownName};")]
            #[doc = concat!("for value in ", stringify!($name), "::ALL.iter().copied() {")]
            ///     assert_eq!(value.as_str().parse(), Ok(value));
            #[doc = concat!("    assert_eq!(value.as_str().to_uppercase().parse::<", stringify!($name), ">(), Err(UnknownName));")]
            /// }
            #[doc = concat!("assert_eq!(\"\".parse::<", stringify!($name), ">(), Err(UnknownName));")]
            /// ```
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or($crate::UnknownName)
            }
        }
    };
}

pub(crate) use closed_set;
