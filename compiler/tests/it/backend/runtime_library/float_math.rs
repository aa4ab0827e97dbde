//! Runtime library tests of the float functions Wasm lacks (92_float_trig.wat, and `exp` and
//! `log` of 90_float.wat) against Rust's `f64` methods: the largest distance in units in the
//! last place over a deterministic sample of arguments, and the special values. This module
//! does not test how generated code boxes floats.

use wasmtime::Val;

use super::Rt;

fn call(rt: &mut Rt, name: &str, args: &[f64]) -> f64 {
    let args: Vec<Val> = args.iter().map(|x| Val::F64(x.to_bits())).collect();
    let results = rt
        .call(name, &args)
        .unwrap_or_else(|message| panic!("{name} trapped: {message}"));
    results[0].unwrap_f64()
}

/// Distance in representable doubles; NaN only matches NaN.
fn ulps(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    if a == b {
        return 0;
    }
    let key = |x: f64| {
        let bits = x.to_bits() as i64;
        if bits < 0 {
            i64::MIN - bits
        } else {
            bits
        }
    };
    key(a).abs_diff(key(b))
}

/// Arguments spread over [-limit, limit]: uniform ones, and ones uniform in magnitude.
fn sample(limit: f64, count: usize) -> Vec<f64> {
    let mut state = 0x9e3779b97f4a7c15u64;
    let mut out = Vec::new();
    for i in 0..count {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
        let x = if i % 2 == 0 {
            (unit * 2.0 - 1.0) * limit
        } else {
            let sign = if state & 1 == 0 { 1.0 } else { -1.0 };
            sign * limit * (unit * -40.0).exp2()
        };
        out.push(x);
    }
    out
}

fn worst(rt: &mut Rt, name: &str, args: &[f64], reference: fn(f64) -> f64) -> (u64, f64) {
    let mut worst = (0, 0.0);
    for &x in args {
        let distance = ulps(call(rt, name, &[x]), reference(x));
        if distance > worst.0 {
            worst = (distance, x);
        }
    }
    worst
}

fn check(name: &str, limit: f64, reference: fn(f64) -> f64, tolerance: u64) {
    let mut rt = Rt::new();
    let (distance, at) = worst(&mut rt, name, &sample(limit, 20_000), reference);
    assert!(
        distance <= tolerance,
        "{name} is {distance} ulps from Rust at {at:e}"
    );
}

#[test]
fn sin_is_within_one_ulp_near_zero_and_three_beyond() {
    check("float_sin", 1.0, f64::sin, 1);
    check("float_sin", 10.0, f64::sin, 2);
    check("float_sin", 1e6, f64::sin, 2);
    check("float_sin", 1e300, f64::sin, 3);
}

#[test]
fn cos_is_within_one_ulp_near_zero_and_three_beyond() {
    check("float_cos", 1.0, f64::cos, 1);
    check("float_cos", 10.0, f64::cos, 2);
    check("float_cos", 1e6, f64::cos, 2);
    check("float_cos", 1e300, f64::cos, 3);
}

#[test]
fn tan_is_within_three_ulps_of_rust() {
    check("float_tan", 10.0, f64::tan, 3);
    check("float_tan", 1e300, f64::tan, 3);
}

#[test]
fn arcsin_and_arccos_are_within_two_ulps_of_rust() {
    check("float_asin", 1.0, f64::asin, 2);
    check("float_acos", 1.0, f64::acos, 2);
}

#[test]
fn arctan_is_within_one_ulp_of_rust() {
    check("float_atan", 1.0, f64::atan, 1);
    check("float_atan", 1e10, f64::atan, 1);
}

#[test]
fn arctan2_is_within_two_ulps_of_rust() {
    let mut rt = Rt::new();
    let ys = sample(100.0, 300);
    let xs = sample(1e3, 300);
    for &y in &ys {
        for &x in xs.iter().take(60) {
            let got = call(&mut rt, "float_atan2", &[y, x]);
            assert!(ulps(got, y.atan2(x)) <= 2, "atan2({y:e}, {x:e}) = {got:e}");
        }
    }
}

#[test]
fn exp_is_within_four_ulps_and_log_within_one_of_rust() {
    check("float_exp", 700.0, f64::exp, 4);
    let mut rt = Rt::new();
    let positive: Vec<f64> = sample(1e300, 20_000).into_iter().map(f64::abs).collect();
    let (distance, at) = worst(&mut rt, "float_log", &positive, f64::ln);
    assert!(
        distance <= 1,
        "float_log is {distance} ulps from Rust at {at:e}"
    );
}

#[test]
fn trigonometry_of_special_values_follows_c() {
    let mut rt = Rt::new();
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let unary: &[(&str, f64, f64)] = &[
        ("float_sin", inf, nan),
        ("float_cos", -inf, nan),
        ("float_tan", nan, nan),
        ("float_sin", -0.0, -0.0),
        ("float_tan", -0.0, -0.0),
        ("float_cos", 0.0, 1.0),
        ("float_asin", 1.5, nan),
        ("float_acos", -1.5, nan),
        ("float_asin", -1.0, -std::f64::consts::FRAC_PI_2),
        ("float_acos", -1.0, std::f64::consts::PI),
        ("float_acos", 1.0, 0.0),
        ("float_atan", inf, std::f64::consts::FRAC_PI_2),
        ("float_atan", -0.0, -0.0),
    ];
    for (name, x, want) in unary {
        let got = call(&mut rt, name, &[*x]);
        assert!(
            ulps(got, *want) == 0
                && (want.is_nan() || got.is_sign_negative() == want.is_sign_negative()),
            "{name}({x}) = {got}, not {want}"
        );
    }
    let binary: &[(f64, f64)] = &[
        (0.0, -0.0),
        (-0.0, -0.0),
        (0.0, 0.0),
        (-0.0, 5.0),
        (1.0, 0.0),
        (-1.0, -0.0),
        (inf, inf),
        (inf, -inf),
        (-inf, 3.0),
        (2.0, -inf),
        (-2.0, inf),
        (nan, 1.0),
    ];
    for (y, x) in binary {
        let got = call(&mut rt, "float_atan2", &[*y, *x]);
        let want = y.atan2(*x);
        assert!(
            ulps(got, want) == 0
                && (want.is_nan() || got.is_sign_negative() == want.is_sign_negative()),
            "atan2({y}, {x}) = {got}, not {want}"
        );
    }
}
