//! Runtime library tests of `float_format` (91_float_text.wat), the text of base's
//! `Float.format`: the decimal modes against Rust's exact formatting (`{:.N}`, `{:.Ne}`, with
//! the exponent rewritten in C's `e+05` form and `%g` derived by C's rule), the hexadecimal
//! mode against hand-checked texts of OCaml's `%.*h`. This module does not test `debug_show`.

use wasmtime::Val;

use super::Rt;

fn format(rt: &mut Rt, x: f64, precision: u8, mode: i32) -> String {
    let results = rt
        .call(
            "float_format",
            &[
                Val::F64(x.to_bits()),
                Val::I32(i32::from(precision)),
                Val::I32(mode),
            ],
        )
        .unwrap_or_else(|message| panic!("float_format({x}) trapped: {message}"));
    let t = results[0].unwrap_i32();
    rt.text_out(t)
}

/// C's `%.*e` from Rust's `{:.*e}`: a sign and at least two exponent digits.
fn c_exp(x: f64, precision: usize) -> String {
    let rust = format!("{x:.precision$e}");
    let (mantissa, exponent) = rust.split_once('e').unwrap_or((&rust, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.abs())
}

/// C's `%.*g`: the exponent of the `%e` form decides between fixed and exponent forms, then
/// trailing zeros go.
fn c_gen(x: f64, precision: usize) -> String {
    let p = precision.max(1);
    let exp_form = c_exp(x, p - 1);
    let exponent: i32 = exp_form
        .rsplit_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let strip = |text: &str| -> String {
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text.to_string()
        }
    };
    if exponent >= -4 && exponent < p as i32 {
        let decimals = (p as i32 - 1 - exponent) as usize;
        strip(&format!("{x:.decimals$}"))
    } else {
        let (mantissa, e) = exp_form.split_once('e').unwrap_or((&exp_form, ""));
        format!("{}e{e}", strip(mantissa))
    }
}

fn samples() -> Vec<f64> {
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        0.25,
        0.125,
        2.5,
        3.5,
        0.05,
        0.15,
        9.995,
        99.5,
        999999.5,
        1e-5,
        1.5e-4,
        123456789.0,
        1e15,
        1e16,
        1e17,
        1e21,
        1e22,
        1e100,
        1e300,
        1.7976931348623157e308,
        5e-324,
        2.2250738585072014e-308,
        std::f64::consts::PI,
        std::f64::consts::E,
        -42.4242,
        0.1,
        0.2,
        0.3,
        1.0 / 3.0,
        2.0 / 3.0,
        6.02214076e23,
        1.602176634e-19,
    ];
    // A deterministic spread over many magnitudes.
    let mut state = 0x2545f4914f6cdd1du64;
    for _ in 0..200 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let x = f64::from_bits(state);
        if x.is_finite() && x.abs() > 1e-30 && x.abs() < 1e30 {
            values.push(x);
        }
        let small = (state >> 11) as f64 / (1u64 << 53) as f64 * 2000.0 - 1000.0;
        values.push(small);
    }
    values
}

#[test]
fn float_format_fixed_matches_exact_rounding() {
    let mut rt = Rt::new();
    for x in samples() {
        for precision in [0usize, 1, 2, 3, 6, 17, 30] {
            let want = format!("{x:.precision$}");
            assert_eq!(
                format(&mut rt, x, precision as u8, 0),
                want,
                "%.{precision}f of {x:e}"
            );
        }
    }
}

#[test]
fn float_format_exponent_matches_c() {
    let mut rt = Rt::new();
    for x in samples() {
        for precision in [0usize, 1, 2, 5, 16, 20] {
            assert_eq!(
                format(&mut rt, x, precision as u8, 1),
                c_exp(x, precision),
                "%.{precision}e of {x:e}"
            );
        }
    }
}

#[test]
fn float_format_general_matches_c() {
    let mut rt = Rt::new();
    for x in samples() {
        for precision in [0usize, 1, 2, 6, 10, 17] {
            assert_eq!(
                format(&mut rt, x, precision as u8, 2),
                c_gen(x, precision),
                "%.{precision}g of {x:e}"
            );
        }
    }
}

#[test]
fn float_format_prints_special_values_like_moc() {
    let mut rt = Rt::new();
    let cases: &[(f64, i32, &str)] = &[
        (f64::INFINITY, 0, "inf"),
        (f64::NEG_INFINITY, 1, "-inf"),
        (f64::NAN, 2, "nan"),
        (-f64::NAN, 0, "-nan"),
        (f64::INFINITY, 3, "infinity"),
        (f64::NEG_INFINITY, 3, "-infinity"),
        (f64::NAN, 3, "nan"),
    ];
    for (x, mode, want) in cases {
        assert_eq!(format(&mut rt, *x, 2, *mode), *want, "{x} in mode {mode}");
    }
}

#[test]
fn float_format_hex_follows_ocaml() {
    let mut rt = Rt::new();
    let cases: &[(f64, u8, &str)] = &[
        (1.0, 0, "0x1p+0"),
        (1.0, 3, "0x1.000p+0"),
        (-1.5, 1, "-0x1.8p+0"),
        (0.1, 13, "0x1.999999999999ap-4"),
        (0.1, 2, "0x1.9ap-4"),
        (1.96875, 0, "0x2p+0"),
        (0.0, 0, "0x0p+0"),
        (-0.0, 2, "-0x0.00p+0"),
        (5e-324, 13, "0x0.0000000000001p-1022"),
        (1024.0, 15, "0x1.000000000000000p+10"),
        (255.0, 1, "0x2.0p+7"),
        (3.0, 1, "0x1.8p+1"),
    ];
    for (x, precision, want) in cases {
        assert_eq!(
            format(&mut rt, *x, *precision, 3),
            *want,
            "%.{precision}h of {x}"
        );
    }
}

#[test]
fn float_format_traps_on_an_unknown_mode() {
    let mut rt = Rt::new();
    let result = rt.call(
        "float_format",
        &[Val::F64(1f64.to_bits()), Val::I32(2), Val::I32(4)],
    );
    assert_eq!(
        result.map(|_| ()),
        Err("float_fmt: unknown mode".to_string())
    );
}
