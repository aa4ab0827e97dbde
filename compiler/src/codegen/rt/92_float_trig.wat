;; Trigonometry that Wasm lacks: `sin`, `cos`, `tan`, `arcsin`, `arccos`, `arctan` and
;; `arctan2`, written from Taylor series and classical identities (no libm is available: a
;; canister imports only `ic0`). They are not correctly rounded; the tests measure them
;; against Rust's functions: 1 ulp for sin and cos on [-1, 1], arctan and arctan2 within 1
;; and 2, arcsin and arccos within 2, sin, cos and tan of reduced arguments within 2 to 3. Arguments are reduced modulo
;; pi/2 with a three-part pi/2 below 2^20 and, beyond that or when the result would lose
;; precision by cancellation, exactly with bignums against 2/pi to 1216 bits. This file does
;; not hold `exp`, `log` or `pow` (90_float.wat).
;;
;; Static data in [0x7e00, 0x8000) besides 91_float_text.wat's: the bignum
;; round(2/pi * 2^1216) at 0x7e00, the quadrant of the last reduction at 0x7f30, and
;; atan(k/8) for k = 0..8 as (high, low) pairs of f64 at 0x7f40.

;; sin(r) for |r| <= pi/4: r + r^3 * P(r^2), the Taylor series to the r^17 term.
(func $sin_kernel (param $r f64) (result f64)
  (local $z f64)
  (local.set $z (f64.mul (local.get $r) (local.get $r)))
  (f64.add (local.get $r)
    (f64.mul (f64.mul (local.get $r) (local.get $z))
      (f64.add (f64.const -0x1.5555555555555p-3) (f64.mul (local.get $z)
      (f64.add (f64.const 0x1.1111111111111p-7) (f64.mul (local.get $z)
      (f64.add (f64.const -0x1.a01a01a01a01ap-13) (f64.mul (local.get $z)
      (f64.add (f64.const 0x1.71de3a556c734p-19) (f64.mul (local.get $z)
      (f64.add (f64.const -0x1.ae64567f544e4p-26) (f64.mul (local.get $z)
      (f64.add (f64.const 0x1.6124613a86d09p-33) (f64.mul (local.get $z)
      (f64.add (f64.const -0x1.ae7f3e733b81fp-41) (f64.mul (local.get $z)
               (f64.const 0x1.952c77030ad4ap-49))))))))))))))))))

;; cos(r) for |r| <= pi/4: 1 - r^2/2 + r^4 * Q(r^2). The rounding error of 1 - r^2/2 is
;; recovered exactly ((1 - w) - r^2/2, by Sterbenz) and added back with the tail.
(func $cos_kernel (param $r f64) (result f64)
  (local $z f64)
  (local $hz f64)
  (local $w f64)
  (local.set $z (f64.mul (local.get $r) (local.get $r)))
  (local.set $hz (f64.mul (local.get $z) (f64.const 0.5)))
  (local.set $w (f64.sub (f64.const 1) (local.get $hz)))
  (f64.add (local.get $w)
    (f64.add (f64.sub (f64.sub (f64.const 1) (local.get $w)) (local.get $hz))
      (f64.mul (f64.mul (local.get $z) (local.get $z))
        (f64.add (f64.const 0x1.5555555555555p-5) (f64.mul (local.get $z)
        (f64.add (f64.const -0x1.6c16c16c16c17p-10) (f64.mul (local.get $z)
        (f64.add (f64.const 0x1.a01a01a01a01ap-16) (f64.mul (local.get $z)
        (f64.add (f64.const -0x1.27e4fb7789f5cp-22) (f64.mul (local.get $z)
        (f64.add (f64.const 0x1.1eed8eff8d898p-29) (f64.mul (local.get $z)
        (f64.add (f64.const -0x1.93974a8c07c9dp-37) (f64.mul (local.get $z)
        (f64.add (f64.const 0x1.ae7f3e733b81fp-45) (f64.mul (local.get $z)
                 (f64.const -0x1.6827863b97d97p-53)))))))))))))))))))

;; Reduces a finite x >= 0 to r in about [-pi/4, pi/4] with x = r + n * pi/2; returns r and
;; stores n mod 4 at 0x7f30.
(func $trig_reduce (param $x f64) (result f64)
  (local $n f64)
  (local $r f64)
  (local $bits i64)
  (local $s i32)
  (local $p i32)
  (local $q i32)
  (local $rem i32)
  (local $f f64)
  (if (f64.le (local.get $x) (f64.const 0x1.921fb54442d18p-1))
    (then (i32.store (i32.const 0x7f30) (i32.const 0)) (return (local.get $x))))
  (if (f64.lt (local.get $x) (f64.const 0x1p20))
    (then
      (local.set $n (f64.nearest (f64.mul (local.get $x) (f64.const 0x1.45f306dc9c883p-1))))
      ;; n has at most 20 bits, so n times each 33-bit part is exact.
      (local.set $r (f64.sub (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $n) (f64.const 0x1.921fb544p+0)))
                                      (f64.mul (local.get $n) (f64.const 0x1.0b4611a6p-34)))
                             (f64.mul (local.get $n) (f64.const 0x1.3198a2e037073p-69))))
      (if (f64.ge (f64.abs (local.get $r)) (f64.const 0x1p-10))
        (then
          (i32.store (i32.const 0x7f30) (i32.and (i32.trunc_f64_u (local.get $n)) (i32.const 3)))
          (return (local.get $r))))))
  ;; Exactly: x * 2/pi = m * C / 2^s with s = 1216 - e; q is the nearest integer and the
  ;; remainder, over 2^s, the fraction in [-1/2, 1/2).
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  (local.set $s (i32.sub (i32.const 1216) (call $fmt_exponent (local.get $bits))))
  (local.set $p (call $int_mul (call $fmt_significand (local.get $bits)) (i32.const 0x7e00)))
  (local.set $q (call $int_div (local.get $p) (call $pow_of (i32.const 2) (local.get $s))))
  (local.set $rem (call $int_sub (local.get $p) (call $int_mul (local.get $q) (call $pow_of (i32.const 2) (local.get $s)))))
  (if (i32.ge_s (call $int_cmp (local.get $rem) (call $pow_of (i32.const 2) (i32.sub (local.get $s) (i32.const 1)))) (i32.const 0))
    (then
      (local.set $rem (call $int_sub (local.get $rem) (call $pow_of (i32.const 2) (local.get $s))))
      (local.set $q (call $int_add (local.get $q) (i32.const 3)))))
  (i32.store (i32.const 0x7f30) (call $untag (call $int_rem (local.get $q) (i32.const 9))))
  (local.set $f (f64.mul (call $int_to_f64 (call $int_div (local.get $rem)
                                                          (call $pow_of (i32.const 2) (i32.sub (local.get $s) (i32.const 120)))))
                         (f64.const 0x1p-120)))
  (f64.add (f64.mul (local.get $f) (f64.const 0x1.921fb54442d18p+0))
           (f64.mul (local.get $f) (f64.const 0x1.1a62633145c07p-54))))

(func $float_sin (export "float_sin") (param $x f64) (result f64)
  (local $r f64)
  (local $n i32)
  (if (f64.ne (f64.sub (local.get $x) (local.get $x)) (f64.const 0))
    (then (return (f64.sub (local.get $x) (local.get $x)))))
  (local.set $r (call $trig_reduce (f64.abs (local.get $x))))
  (local.set $n (i32.load (i32.const 0x7f30)))
  (local.set $r (if (result f64) (i32.and (local.get $n) (i32.const 1))
    (then (call $cos_kernel (local.get $r)))
    (else (call $sin_kernel (local.get $r)))))
  (if (i32.and (local.get $n) (i32.const 2)) (then (local.set $r (f64.neg (local.get $r)))))
  (select (f64.neg (local.get $r)) (local.get $r) (i64.lt_s (i64.reinterpret_f64 (local.get $x)) (i64.const 0))))

(func $float_cos (export "float_cos") (param $x f64) (result f64)
  (local $r f64)
  (local $n i32)
  (if (f64.ne (f64.sub (local.get $x) (local.get $x)) (f64.const 0))
    (then (return (f64.sub (local.get $x) (local.get $x)))))
  (local.set $r (call $trig_reduce (f64.abs (local.get $x))))
  (local.set $n (i32.load (i32.const 0x7f30)))
  (local.set $r (if (result f64) (i32.and (local.get $n) (i32.const 1))
    (then (call $sin_kernel (local.get $r)))
    (else (call $cos_kernel (local.get $r)))))
  ;; cos is negative in quadrants 1 and 2.
  (select (f64.neg (local.get $r)) (local.get $r)
          (i32.eq (i32.and (i32.add (local.get $n) (i32.const 1)) (i32.const 2)) (i32.const 2))))

(func $float_tan (export "float_tan") (param $x f64) (result f64)
  (local $r f64)
  (local $n i32)
  (local $t f64)
  (if (f64.ne (f64.sub (local.get $x) (local.get $x)) (f64.const 0))
    (then (return (f64.sub (local.get $x) (local.get $x)))))
  (local.set $r (call $trig_reduce (f64.abs (local.get $x))))
  (local.set $n (i32.load (i32.const 0x7f30)))
  (local.set $t (if (result f64) (i32.and (local.get $n) (i32.const 1))
    (then (f64.neg (f64.div (call $cos_kernel (local.get $r)) (call $sin_kernel (local.get $r)))))
    (else (f64.div (call $sin_kernel (local.get $r)) (call $cos_kernel (local.get $r))))))
  (select (f64.neg (local.get $t)) (local.get $t) (i64.lt_s (i64.reinterpret_f64 (local.get $x)) (i64.const 0))))

;; The odd part of the arctangent series, t^3 * (-1/3 + t^2/5 - ...), for |t| <= 1/16.
(func $atan_tail (param $t f64) (result f64)
  (local $z f64)
  (local.set $z (f64.mul (local.get $t) (local.get $t)))
  (f64.mul (f64.mul (local.get $t) (local.get $z))
    (f64.add (f64.const -0x1.5555555555555p-2) (f64.mul (local.get $z)
    (f64.add (f64.const 0x1.999999999999ap-3) (f64.mul (local.get $z)
    (f64.add (f64.const -0x1.2492492492492p-3) (f64.mul (local.get $z)
    (f64.add (f64.const 0x1.c71c71c71c71cp-4) (f64.mul (local.get $z)
    (f64.add (f64.const -0x1.745d1745d1746p-4) (f64.mul (local.get $z)
    (f64.add (f64.const 0x1.3b13b13b13b14p-4) (f64.mul (local.get $z)
    (f64.add (f64.const -0x1.1111111111111p-4) (f64.mul (local.get $z)
             (f64.const 0x1.e1e1e1e1e1e1ep-5)))))))))))))))))

;; atan(u) for 0 <= u <= 1: atan(c) + atan(t) with c = k/8 the nearest eighth and
;; t = (u - c) / (1 + u c). u - c is exact; 1 + u c is carried as a high and a low part
;; (u split in 26-bit halves, each times the 4-bit c exactly) so that t loses nothing.
(func $atan_unit (param $u f64) (result f64)
  (local $k i32)
  (local $c f64)
  (local $uh f64)
  (local $a f64)
  (local $d f64)
  (local $dl f64)
  (local $t f64)
  (local.set $k (i32.trunc_f64_s (f64.nearest (f64.mul (local.get $u) (f64.const 8)))))
  (if (i32.eqz (local.get $k))
    (then (return (f64.add (local.get $u) (call $atan_tail (local.get $u))))))
  (local.set $c (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 0.125)))
  (local.set $uh (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (local.get $u)) (i64.const 0xfffffffff8000000))))
  (local.set $a (f64.mul (local.get $uh) (local.get $c)))
  (local.set $d (f64.add (f64.const 1) (local.get $a)))
  (local.set $dl (f64.add (f64.sub (local.get $a) (f64.sub (local.get $d) (f64.const 1)))
                          (f64.mul (f64.sub (local.get $u) (local.get $uh)) (local.get $c))))
  (local.set $t (f64.div (f64.sub (local.get $u) (local.get $c)) (local.get $d)))
  (local.set $t (f64.sub (local.get $t) (f64.div (f64.mul (local.get $t) (local.get $dl)) (local.get $d))))
  (f64.add (f64.load offset=0x7f40 (i32.shl (local.get $k) (i32.const 4)))
           (f64.add (f64.load offset=0x7f48 (i32.shl (local.get $k) (i32.const 4)))
                    (f64.add (local.get $t) (call $atan_tail (local.get $t))))))

;; atan(a) for a >= 0 (infinity gives pi/2).
(func $atan_pos (param $a f64) (result f64)
  (if (result f64) (f64.le (local.get $a) (f64.const 1))
    (then (call $atan_unit (local.get $a)))
    (else (f64.sub (f64.const 0x1.921fb54442d18p+0)
                   (f64.sub (call $atan_unit (f64.div (f64.const 1) (local.get $a))) (f64.const 0x1.1a62633145c07p-54))))))

(func $float_atan (export "float_atan") (param $x f64) (result f64)
  (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
  (f64.copysign (call $atan_pos (f64.abs (local.get $x))) (local.get $x)))

;; atan2(y, x), the angle of the point (x, y), with C's results for zeros and infinities.
(func $float_atan2 (export "float_atan2") (param $y f64) (param $x f64) (result f64)
  (local $a f64)
  (if (i32.or (f64.ne (local.get $x) (local.get $x)) (f64.ne (local.get $y) (local.get $y)))
    (then (return (f64.add (local.get $x) (local.get $y)))))
  (if (f64.eq (local.get $y) (f64.const 0))
    (then (return (if (result f64) (i64.lt_s (i64.reinterpret_f64 (local.get $x)) (i64.const 0))
      (then (f64.copysign (f64.const 0x1.921fb54442d18p+1) (local.get $y)))
      (else (local.get $y))))))
  (if (f64.eq (local.get $x) (f64.const 0))
    (then (return (f64.copysign (f64.const 0x1.921fb54442d18p+0) (local.get $y)))))
  (if (f64.eq (f64.abs (local.get $y)) (f64.const inf))
    (then (return (f64.copysign
      (if (result f64) (f64.eq (f64.abs (local.get $x)) (f64.const inf))
        (then (select (f64.const 0x1.2d97c7f3321d2p+1) (f64.const 0x1.921fb54442d18p-1) (f64.lt (local.get $x) (f64.const 0))))
        (else (f64.const 0x1.921fb54442d18p+0)))
      (local.get $y)))))
  (if (f64.eq (f64.abs (local.get $x)) (f64.const inf))
    (then (return (f64.copysign (select (f64.const 0x1.921fb54442d18p+1) (f64.const 0) (f64.lt (local.get $x) (f64.const 0)))
                                (local.get $y)))))
  (local.set $a (call $atan_pos (f64.abs (f64.div (local.get $y) (local.get $x)))))
  (if (f64.lt (local.get $x) (f64.const 0))
    (then (local.set $a (f64.add (f64.sub (f64.const 0x1.921fb54442d18p+1) (local.get $a)) (f64.const 0x1.1a62633145c07p-53)))))
  (f64.copysign (local.get $a) (local.get $y)))

;; s * (x^2/6 + 3 x^4/40 + ...), the arcsine series without its first term, for |s| <= 1/2.
(func $asin_tail (param $s f64) (result f64)
  (local $z f64)
  (local $b f64)
  (local $power f64)
  (local $sum f64)
  (local $k f64)
  (local.set $z (f64.mul (local.get $s) (local.get $s)))
  (local.set $b (f64.const 1))
  (local.set $power (f64.const 1))
  (local.set $k (f64.const 1))
  (loop $term
    ;; b_k = b_(k-1) (2k - 1) / (2k); the term is b_k z^k / (2k + 1).
    (local.set $b (f64.div (f64.mul (local.get $b) (f64.sub (f64.mul (local.get $k) (f64.const 2)) (f64.const 1)))
                           (f64.mul (local.get $k) (f64.const 2))))
    (local.set $power (f64.mul (local.get $power) (local.get $z)))
    (local.set $sum (f64.add (local.get $sum)
      (f64.div (f64.mul (local.get $b) (local.get $power)) (f64.add (f64.mul (local.get $k) (f64.const 2)) (f64.const 1)))))
    (local.set $k (f64.add (local.get $k) (f64.const 1)))
    (br_if $term (f64.le (local.get $k) (f64.const 30))))
  (f64.mul (local.get $s) (local.get $sum)))

;; 2 asin(sqrt(z)) for 0 <= z <= 1/4, with sqrt(z) as a 21-bit head plus a correction so that
;; the doubling keeps the precision of z.
(func $asin_double_sqrt (param $z f64) (result f64)
  (local $s f64)
  (local $sh f64)
  (local $c f64)
  (if (f64.eq (local.get $z) (f64.const 0)) (then (return (f64.const 0))))
  (local.set $s (f64.sqrt (local.get $z)))
  (local.set $sh (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (local.get $s)) (i64.const 0xffffffff00000000))))
  (local.set $c (f64.div (f64.sub (local.get $z) (f64.mul (local.get $sh) (local.get $sh)))
                         (f64.add (local.get $s) (local.get $sh))))
  (f64.mul (f64.const 2) (f64.add (local.get $sh) (f64.add (local.get $c) (call $asin_tail (local.get $s))))))

(func $float_asin (export "float_asin") (param $x f64) (result f64)
  (local $a f64)
  (local.set $a (f64.abs (local.get $x)))
  (if (i32.eqz (f64.le (local.get $a) (f64.const 1)))
    (then (return (f64.div (f64.sub (local.get $x) (local.get $x)) (f64.sub (local.get $x) (local.get $x))))))
  (if (f64.le (local.get $a) (f64.const 0.5))
    (then (return (f64.add (local.get $x) (call $asin_tail (local.get $x))))))
  ;; asin a = pi/2 - 2 asin(sqrt((1 - a) / 2)), where 1 - a is exact.
  (f64.copysign
    (f64.sub (f64.const 0x1.921fb54442d18p+0)
             (f64.sub (call $asin_double_sqrt (f64.mul (f64.sub (f64.const 1) (local.get $a)) (f64.const 0.5)))
                      (f64.const 0x1.1a62633145c07p-54)))
    (local.get $x)))

(func $float_acos (export "float_acos") (param $x f64) (result f64)
  (if (i32.eqz (f64.le (f64.abs (local.get $x)) (f64.const 1)))
    (then (return (f64.div (f64.sub (local.get $x) (local.get $x)) (f64.sub (local.get $x) (local.get $x))))))
  (if (f64.le (f64.abs (local.get $x)) (f64.const 0.5))
    (then (return (f64.sub (f64.const 0x1.921fb54442d18p+0)
                           (f64.sub (f64.add (local.get $x) (call $asin_tail (local.get $x)))
                                    (f64.const 0x1.1a62633145c07p-54))))))
  (if (f64.gt (local.get $x) (f64.const 0))
    (then (return (call $asin_double_sqrt (f64.mul (f64.sub (f64.const 1) (local.get $x)) (f64.const 0.5))))))
  ;; acos x = pi - 2 asin(sqrt((1 + x) / 2)) for x < -1/2, where 1 + x is exact.
  (f64.sub (f64.const 0x1.921fb54442d18p+1)
           (f64.sub (call $asin_double_sqrt (f64.mul (f64.add (f64.const 1) (local.get $x)) (f64.const 0.5)))
                    (f64.const 0x1.1a62633145c07p-53))))

(data (i32.const 0x7e00) "\01\00\00\00\26\00\00\00\ac\6b\7b\fc\46\30\03\56\08\5d\8d\1f\b1\5f\fb\6b\ea\92\52\8a\f7\39\07\3d\7b\f1\e5\eb\c7\ba\27\75")
(data (i32.const 0x7e28) "\2d\ea\5f\9e\66\3f\46\4f\b7\09\cb\27\cf\7e\36\6d\1f\6d\0a\5a\8b\11\2f\ef\0f\98\05\de\ff\97\f8\1f\3b\28\f9\bd\8b\5f\84\9c")
(data (i32.const 0x7e50) "\f4\39\53\83\39\d6\91\39\41\7e\5f\b4\26\70\9c\e9\84\44\bb\2e\f5\35\82\e8\3e\a7\29\b1\1c\eb\1d\fe\1c\92\d1\09\ea\2e\49\06")
(data (i32.const 0x7e78) "\e0\d2\4d\42\3a\6e\24\b7\61\c5\bb\de\ab\63\51\fe\41\90\43\3c\99\95\62\db\c0\dd\34\f5\d1\57\27\fc\29\15\44\4e\6e\83\f9\a2")
(data (i32.const 0x7f40) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\6e\2f\ac\9a\ba\d5\bf\3f\17\0c\76\86\76\d3\4c\bc\dd\80\2c\f9\75\5b\cf\3f\bd\af\f7\3c\6e\ab\68\3c")
(data (i32.const 0x7f70) "\f1\de\e4\41\19\f6\d6\3f\18\e9\f6\e6\aa\63\7c\bc\4f\bb\61\05\67\ac\dd\3f\e2\65\2f\22\7f\2b\7a\3c\b4\fe\de\ab\0b\e0\e1\3f\8f\66\7a\28\df\28\59\bc")
(data (i32.const 0x7fa0) "\e1\9e\26\a3\8f\97\e4\3f\58\a4\f2\87\9a\41\72\3c\34\46\78\c5\a7\00\e7\3f\f6\de\aa\25\4d\c3\78\bc\18\2d\44\54\fb\21\e9\3f\07\5c\14\33\26\a6\81\3c")
