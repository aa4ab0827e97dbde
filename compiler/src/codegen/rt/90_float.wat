;; Float functions that Wasm lacks: C's `fmod` (exact), `pow`, `exp` and `log`. `exp` and
;; `log` use range reduction and series; they are accurate to about one unit in the last
;; place, not correctly rounded. Integral powers are computed by repeated squaring. This file
;; deliberately has no trigonometry yet.

;; fmod(x, y): the exact remainder of x / y truncated, with the sign of x. Subtracting
;; y * 2^k from a remainder in [y * 2^k, y * 2^(k+1)) is exact (Sterbenz), so the result is.
(func $float_rem (export "float_rem") (param $x f64) (param $y f64) (result f64)
  (local $r f64)
  (local $ay f64)
  (local $t f64)
  (if (i32.or (f64.ne (local.get $x) (local.get $x)) (f64.ne (local.get $y) (local.get $y)))
    (then (return (f64.add (local.get $x) (local.get $y)))))
  (if (i32.or (f64.eq (local.get $y) (f64.const 0)) (f64.eq (f64.abs (local.get $x)) (f64.const inf)))
    (then (return (f64.const nan))))
  (local.set $r (f64.abs (local.get $x)))
  (local.set $ay (f64.abs (local.get $y)))
  (if (f64.lt (local.get $r) (local.get $ay)) (then (return (local.get $x))))
  (local.set $t (local.get $ay))
  (block $big
    (loop $grow
      (br_if $big (i32.eqz (f64.le (f64.mul (local.get $t) (f64.const 2)) (local.get $r))))
      (local.set $t (f64.mul (local.get $t) (f64.const 2)))
      (br $grow)))
  (block $done
    (loop $shrink
      (if (f64.le (local.get $t) (local.get $r))
        (then (local.set $r (f64.sub (local.get $r) (local.get $t)))))
      (br_if $done (f64.eq (local.get $t) (local.get $ay)))
      (local.set $t (f64.mul (local.get $t) (f64.const 0.5)))
      (br $shrink)))
  (f64.copysign (local.get $r) (local.get $x)))

;; x * 2^k for any k, in two steps so that neither factor overflows on its own.
(func $scale2 (param $x f64) (param $k i32) (result f64)
  (local $half i32)
  (if (i32.gt_s (local.get $k) (i32.const 2000)) (then (local.set $k (i32.const 2000))))
  (if (i32.lt_s (local.get $k) (i32.const -2200)) (then (local.set $k (i32.const -2200))))
  (local.set $half (i32.div_s (local.get $k) (i32.const 2)))
  (f64.mul
    (f64.mul (local.get $x) (call $pow2 (local.get $half)))
    (call $pow2 (i32.sub (local.get $k) (local.get $half)))))

;; 2^k for k in [-1022, 1023] exactly; beyond, repeated halving or doubling.
(func $pow2 (param $k i32) (result f64)
  (local $r f64)
  (if (i32.and (i32.ge_s (local.get $k) (i32.const -1022)) (i32.le_s (local.get $k) (i32.const 1023)))
    (then (return (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52))))))
  (if (i32.gt_s (local.get $k) (i32.const 1023)) (then (return (f64.const inf))))
  (local.set $r (f64.const 0x1p-1022))
  (local.set $k (i32.add (local.get $k) (i32.const 1022)))
  (block $done
    (loop $halve
      (br_if $done (i32.ge_s (local.get $k) (i32.const 0)))
      (local.set $r (f64.mul (local.get $r) (f64.const 0.5)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $halve)))
  (local.get $r))

(func $float_exp (export "float_exp") (param $x f64) (result f64)
  (local $k f64)
  (local $r f64)
  (local $term f64)
  (local $sum f64)
  (local $n f64)
  (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
  (if (f64.gt (local.get $x) (f64.const 709.8)) (then (return (f64.const inf))))
  (if (f64.lt (local.get $x) (f64.const -745.2)) (then (return (f64.const 0))))
  (local.set $k (f64.nearest (f64.mul (local.get $x) (f64.const 1.4426950408889634))))
  ;; ln 2 split in a high part with trailing zero bits and a low part, so k * hi is exact.
  (local.set $r (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 0x1.62e42feep-1)))
                         (f64.mul (local.get $k) (f64.const 0x1.a39ef35793c76p-33))))
  (local.set $sum (f64.const 1))
  (local.set $term (f64.const 1))
  (local.set $n (f64.const 1))
  (loop $series
    (local.set $term (f64.div (f64.mul (local.get $term) (local.get $r)) (local.get $n)))
    (local.set $sum (f64.add (local.get $sum) (local.get $term)))
    (local.set $n (f64.add (local.get $n) (f64.const 1)))
    (br_if $series (f64.le (local.get $n) (f64.const 22))))
  (call $scale2 (local.get $sum) (i32.trunc_f64_s (local.get $k))))

(func $float_log (export "float_log") (param $x f64) (result f64)
  (local $bits i64)
  (local $k i32)
  (local $m f64)
  (local $s f64)
  (local $s2 f64)
  (local $term f64)
  (local $sum f64)
  (local $n f64)
  (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
  (if (f64.lt (local.get $x) (f64.const 0)) (then (return (f64.const nan))))
  (if (f64.eq (local.get $x) (f64.const 0)) (then (return (f64.const -inf))))
  (if (f64.eq (local.get $x) (f64.const inf)) (then (return (local.get $x))))
  ;; Subnormals first become normal.
  (if (f64.lt (local.get $x) (f64.const 0x1p-1022))
    (then (local.set $x (f64.mul (local.get $x) (f64.const 0x1p54))) (local.set $k (i32.const -54))))
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  (local.set $k (i32.add (local.get $k)
    (i32.sub (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 1023))))
  (local.set $m (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff))
                                             (i64.const 0x3ff0000000000000))))
  (if (f64.gt (local.get $m) (f64.const 1.4142135623730951))
    (then (local.set $m (f64.mul (local.get $m) (f64.const 0.5)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))))
  ;; log m = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1), |s| < 0.172.
  (local.set $s (f64.div (f64.sub (local.get $m) (f64.const 1)) (f64.add (local.get $m) (f64.const 1))))
  (local.set $s2 (f64.mul (local.get $s) (local.get $s)))
  (local.set $term (local.get $s))
  (local.set $sum (local.get $s))
  (local.set $n (f64.const 3))
  (loop $series
    (local.set $term (f64.mul (local.get $term) (local.get $s2)))
    (local.set $sum (f64.add (local.get $sum) (f64.div (local.get $term) (local.get $n))))
    (local.set $n (f64.add (local.get $n) (f64.const 2)))
    (br_if $series (f64.le (local.get $n) (f64.const 41))))
  (f64.add (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 0x1.62e42feep-1))
           (f64.add (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 0x1.a39ef35793c76p-33))
                    (f64.mul (f64.const 2) (local.get $sum)))))

;; pow(x, y): exact cases and integral exponents by repeated squaring, else exp(y log x).
(func $float_pow (export "float_pow") (param $x f64) (param $y f64) (result f64)
  (local $n i64)
  (local $r f64)
  (local $b f64)
  (local $neg i32)
  (if (f64.eq (local.get $y) (f64.const 0)) (then (return (f64.const 1))))
  (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 1))))
  (if (i32.or (f64.ne (local.get $x) (local.get $x)) (f64.ne (local.get $y) (local.get $y)))
    (then (return (f64.add (local.get $x) (local.get $y)))))
  (if (i32.and (f64.eq (f64.trunc (local.get $y)) (local.get $y))
               (f64.lt (f64.abs (local.get $y)) (f64.const 0x1p53)))
    (then
      (local.set $neg (f64.lt (local.get $y) (f64.const 0)))
      (local.set $n (i64.trunc_f64_s (f64.abs (local.get $y))))
      (local.set $r (f64.const 1))
      (local.set $b (local.get $x))
      (block $done
        (loop $square
          (if (i32.wrap_i64 (i64.and (local.get $n) (i64.const 1)))
            (then (local.set $r (f64.mul (local.get $r) (local.get $b)))))
          (local.set $n (i64.shr_u (local.get $n) (i64.const 1)))
          (br_if $done (i64.eqz (local.get $n)))
          (local.set $b (f64.mul (local.get $b) (local.get $b)))
          (br $square)))
      (return (select (f64.div (f64.const 1) (local.get $r)) (local.get $r) (local.get $neg)))))
  (if (f64.lt (local.get $x) (f64.const 0)) (then (return (f64.const nan))))
  (if (f64.eq (local.get $y) (f64.const 0.5)) (then (return (f64.sqrt (local.get $x)))))
  (call $float_exp (f64.mul (local.get $y) (call $float_log (local.get $x)))))
