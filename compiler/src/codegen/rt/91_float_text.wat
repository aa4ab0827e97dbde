;; `floatToFormattedText` (base's `Float.format`): a float with a precision in one of four
;; modes, as moc's interpreter prints it through OCaml's `Printf`: 0 is C's `%.*f`, 1 `%.*e`,
;; 2 `%.*g` (trailing zeros removed), 3 OCaml's `%.*h` (hexadecimal, `0x1.8p+1`). Decimal
;; digits are exact: the float is an integer times a power of two, scaled by a power of ten
;; with bignums and rounded half to even, as glibc does. The sign bit always prints (`-0.0`,
;; `-nan`). This file does not group digits (`debug_show` of a float is in 80_show.wat).

(data (i32.const 0x7f00) "infinity")
(data (i32.const 0x7f10) "float_fmt: unknown mode\00")

;; The integer significand of a float's magnitude, as an Int value.
(func $fmt_significand (param $bits i64) (result i32)
  (local $exp i64)
  (local.set $exp (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff)))
  (call $int_from_u64
    (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff))
            (select (i64.const 0) (i64.const 0x10000000000000) (i64.eqz (local.get $exp))))))

;; The binary exponent e of a finite float's magnitude, |x| = significand * 2^e.
(func $fmt_exponent (param $bits i64) (result i32)
  (local $exp i32)
  (local.set $exp (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff))))
  (select (i32.const -1074) (i32.sub (local.get $exp) (i32.const 1075)) (i32.eqz (local.get $exp))))

;; round(m * 2^e * 10^s), ties to even, as an Int value.
(func $fmt_scaled (param $m i32) (param $e i32) (param $s i32) (result i32)
  (call $div_round
    (call $int_mul
      (call $int_mul (local.get $m)
        (call $pow_of (i32.const 2) (select (local.get $e) (i32.const 0) (i32.gt_s (local.get $e) (i32.const 0)))))
      (call $pow_of (i32.const 10) (select (local.get $s) (i32.const 0) (i32.gt_s (local.get $s) (i32.const 0)))))
    (call $int_mul
      (call $pow_of (i32.const 2) (select (i32.sub (i32.const 0) (local.get $e)) (i32.const 0) (i32.lt_s (local.get $e) (i32.const 0))))
      (call $pow_of (i32.const 10) (select (i32.sub (i32.const 0) (local.get $s)) (i32.const 0) (i32.lt_s (local.get $s) (i32.const 0)))))))

;; The decimal exponent X of a non-zero m * 2^e printed with p digits after the point in
;; exponent form: 10^p <= round(m * 2^e * 10^(p - X)) < 10^(p + 1), after rounding.
(func $fmt_decimal_exponent (param $m i32) (param $e i32) (param $p i32) (result i32)
  (local $x i32)
  (local $r i32)
  ;; An estimate from the float's own logarithm, corrected by exact comparisons.
  (local.set $x (i32.trunc_f64_s (f64.floor (f64.mul
    (f64.add (call $float_log (call $int_to_f64 (local.get $m)))
             (f64.mul (f64.convert_i32_s (local.get $e)) (f64.const 0.6931471805599453)))
    (f64.const 0.4342944819032518)))))
  (loop $again
    (local.set $r (call $fmt_scaled (local.get $m) (local.get $e) (i32.sub (local.get $p) (local.get $x))))
    (if (i32.ge_s (call $int_cmp (local.get $r) (call $pow_of (i32.const 10) (i32.add (local.get $p) (i32.const 1)))) (i32.const 0))
      (then (local.set $x (i32.add (local.get $x) (i32.const 1))) (br $again)))
    (if (i32.lt_s (call $int_cmp (local.get $r) (call $pow_of (i32.const 10) (local.get $p))) (i32.const 0))
      (then (local.set $x (i32.sub (local.get $x) (i32.const 1))) (br $again))))
  (local.get $x))

;; Writes the digits of the Int value r with p of them after a point (zero-padded on the
;; left to at least one integer digit) at out; returns the end.
(func $fmt_put_fixed (param $out i32) (param $r i32) (param $p i32) (result i32)
  (local $t i32)
  (local $len i32)
  (local $int i32)
  (local.set $t (call $int_to_text (local.get $r)))
  (local.set $len (i32.load offset=4 (local.get $t)))
  (local.set $t (i32.add (local.get $t) (i32.const 8)))
  (if (i32.le_s (local.get $len) (local.get $p))
    (then
      (i32.store8 (local.get $out) (i32.const 48))
      (i32.store8 offset=1 (local.get $out) (i32.const 46))
      (local.set $out (i32.add (local.get $out) (i32.const 2)))
      (memory.fill (local.get $out) (i32.const 48) (i32.sub (local.get $p) (local.get $len)))
      (local.set $out (i32.add (local.get $out) (i32.sub (local.get $p) (local.get $len))))
      (memory.copy (local.get $out) (local.get $t) (local.get $len))
      (return (i32.add (local.get $out) (local.get $len)))))
  (local.set $int (i32.sub (local.get $len) (local.get $p)))
  (memory.copy (local.get $out) (local.get $t) (local.get $int))
  (local.set $out (i32.add (local.get $out) (local.get $int)))
  (if (i32.eqz (local.get $p)) (then (return (local.get $out))))
  (i32.store8 (local.get $out) (i32.const 46))
  (memory.copy (i32.add (local.get $out) (i32.const 1)) (i32.add (local.get $t) (local.get $int)) (local.get $p))
  (i32.add (i32.add (local.get $out) (i32.const 1)) (local.get $p)))

;; Writes `e`, the sign and at least two digits of the decimal exponent x; returns the end.
(func $fmt_put_exponent (param $out i32) (param $x i32) (result i32)
  (local $t i32)
  (local $len i32)
  (i32.store8 (local.get $out) (i32.const 101))
  (i32.store8 offset=1 (local.get $out) (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $x) (i32.const 0))))
  (local.set $out (i32.add (local.get $out) (i32.const 2)))
  (if (i32.lt_s (local.get $x) (i32.const 0)) (then (local.set $x (i32.sub (i32.const 0) (local.get $x)))))
  (if (i32.lt_s (local.get $x) (i32.const 10))
    (then (i32.store8 (local.get $out) (i32.const 48)) (local.set $out (i32.add (local.get $out) (i32.const 1)))))
  (local.set $t (call $int_to_text (call $tag (local.get $x))))
  (local.set $len (i32.load offset=4 (local.get $t)))
  (memory.copy (local.get $out) (i32.add (local.get $t) (i32.const 8)) (local.get $len))
  (i32.add (local.get $out) (local.get $len)))

;; Removes trailing zeros of a fraction ending at out, and the point if nothing is left of it.
(func $fmt_strip (param $out i32) (result i32)
  (block $done
    (loop $zeros
      (br_if $done (i32.ne (i32.load8_u (i32.sub (local.get $out) (i32.const 1))) (i32.const 48)))
      (local.set $out (i32.sub (local.get $out) (i32.const 1)))
      (br $zeros)))
  (if (i32.eq (i32.load8_u (i32.sub (local.get $out) (i32.const 1))) (i32.const 46))
    (then (local.set $out (i32.sub (local.get $out) (i32.const 1)))))
  (local.get $out))

;; The hexadecimal form of OCaml's `%.*h` at out (after the sign); returns the end.
(func $fmt_put_hex (param $out i32) (param $bits i64) (param $prec i32) (result i32)
  (local $exp i32)
  (local $m i64)
  (local $unit i64)
  (local $frac i64)
  (local $d i32)
  (local $t i32)
  (local.set $exp (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff))))
  (local.set $m (i64.and (local.get $bits) (i64.const 0xfffffffffffff)))
  (if (i32.eqz (local.get $exp))
    (then (if (i64.ne (local.get $m) (i64.const 0)) (then (local.set $exp (i32.const -1022)))))
    (else
      (local.set $exp (i32.sub (local.get $exp) (i32.const 1023)))
      (local.set $m (i64.or (local.get $m) (i64.const 0x10000000000000)))))
  ;; Fewer than 13 hexadecimal digits: round the significand to them, ties to even.
  (if (i32.lt_u (local.get $prec) (i32.const 13))
    (then
      (local.set $unit (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (i32.const 52) (i32.mul (local.get $prec) (i32.const 4))))))
      (local.set $frac (i64.and (local.get $m) (i64.sub (local.get $unit) (i64.const 1))))
      (local.set $m (i64.and (local.get $m) (i64.xor (i64.sub (local.get $unit) (i64.const 1)) (i64.const -1))))
      (if (i32.or (i64.gt_u (local.get $frac) (i64.shr_u (local.get $unit) (i64.const 1)))
                  (i32.and (i64.eq (local.get $frac) (i64.shr_u (local.get $unit) (i64.const 1)))
                           (i64.ne (i64.and (local.get $m) (local.get $unit)) (i64.const 0))))
        (then (local.set $m (i64.add (local.get $m) (local.get $unit)))))))
  (i32.store16 (local.get $out) (i32.const 0x7830))
  (local.set $out (i32.add (local.get $out) (i32.const 2)))
  (local.set $d (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 52))))
  (i32.store8 (local.get $out) (i32.load8_u offset=0x1420 (local.get $d)))
  (local.set $out (i32.add (local.get $out) (i32.const 1)))
  (if (local.get $prec)
    (then
      (i32.store8 (local.get $out) (i32.const 46))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))))
  (block $done
    (loop $digit
      (br_if $done (i32.eqz (local.get $prec)))
      (local.set $m (i64.and (i64.shl (local.get $m) (i64.const 4)) (i64.const 0xffffffffffffff)))
      (local.set $d (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 52))))
      ;; Lower-case digits: the upper-case table at 0x1420 plus 32 for letters.
      (i32.store8 (local.get $out) (i32.or (i32.load8_u offset=0x1420 (local.get $d))
                                           (select (i32.const 32) (i32.const 0) (i32.ge_u (local.get $d) (i32.const 10)))))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (local.set $prec (i32.sub (local.get $prec) (i32.const 1)))
      (br $digit)))
  (i32.store8 (local.get $out) (i32.const 112))
  (local.set $out (i32.add (local.get $out) (i32.const 1)))
  (if (i32.ge_s (local.get $exp) (i32.const 0))
    (then
      (i32.store8 (local.get $out) (i32.const 43))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))))
  (local.set $t (call $int_to_text (call $tag (local.get $exp))))
  (memory.copy (local.get $out) (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t)))
  (i32.add (local.get $out) (i32.load offset=4 (local.get $t))))

(func $float_format (export "float_format") (param $x f64) (param $prec i32) (param $mode i32) (result i32)
  (local $bits i64)
  (local $buf i32)
  (local $out i32)
  (local $m i32)
  (local $e i32)
  (local $x10 i32)
  (local $p i32)
  (if (i32.gt_u (local.get $mode) (i32.const 3)) (then (call $exec_error_msg (i32.const 0x7f10))))
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  ;; The longest text is a fixed form of 10^308 with 255 decimals.
  (local.set $buf (call $alloc (i32.add (local.get $prec) (i32.const 400))))
  (local.set $out (local.get $buf))
  (if (i64.lt_s (local.get $bits) (i64.const 0))
    (then
      (i32.store8 (local.get $out) (i32.const 45))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))))
  (if (i64.eq (i64.and (local.get $bits) (i64.const 0x7ff0000000000000)) (i64.const 0x7ff0000000000000))
    (then
      (if (i64.ne (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0))
        (then (memory.copy (local.get $out) (i32.const 0x1440) (i32.const 3))
              (local.set $out (i32.add (local.get $out) (i32.const 3))))
        (else (if (i32.eq (local.get $mode) (i32.const 3))
          (then (memory.copy (local.get $out) (i32.const 0x7f00) (i32.const 8))
                (local.set $out (i32.add (local.get $out) (i32.const 8))))
          (else (memory.copy (local.get $out) (i32.const 0x1449) (i32.const 3))
                (local.set $out (i32.add (local.get $out) (i32.const 3)))))))
      (return (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))))
  (if (i32.eq (local.get $mode) (i32.const 3))
    (then
      (local.set $out (call $fmt_put_hex (local.get $out) (local.get $bits) (local.get $prec)))
      (return (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))))
  (local.set $m (call $fmt_significand (local.get $bits)))
  (local.set $e (call $fmt_exponent (local.get $bits)))
  (if (i32.eqz (local.get $mode))
    (then
      (local.set $out (call $fmt_put_fixed (local.get $out)
        (call $fmt_scaled (local.get $m) (local.get $e) (local.get $prec)) (local.get $prec)))
      (return (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))))
  ;; Exponent form with p digits after the point; %g asks for max(prec, 1) significant digits.
  (local.set $p (local.get $prec))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then (local.set $p (i32.sub (select (local.get $prec) (i32.const 1) (local.get $prec)) (i32.const 1)))))
  (if (i32.ne (local.get $m) (i32.const 1))
    (then (local.set $x10 (call $fmt_decimal_exponent (local.get $m) (local.get $e) (local.get $p)))))
  ;; %g uses the fixed form when -4 <= X <= p, with p - X decimals.
  (if (i32.and (i32.eq (local.get $mode) (i32.const 2))
               (i32.and (i32.ge_s (local.get $x10) (i32.const -4)) (i32.le_s (local.get $x10) (local.get $p))))
    (then
      (local.set $p (i32.sub (local.get $p) (local.get $x10)))
      (local.set $out (call $fmt_put_fixed (local.get $out)
        (call $fmt_scaled (local.get $m) (local.get $e) (local.get $p)) (local.get $p)))
      (if (local.get $p) (then (local.set $out (call $fmt_strip (local.get $out)))))
      (return (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))))
  (local.set $out (call $fmt_put_fixed (local.get $out)
    (call $fmt_scaled (local.get $m) (local.get $e) (i32.sub (local.get $p) (local.get $x10))) (local.get $p)))
  (if (i32.and (i32.eq (local.get $mode) (i32.const 2)) (i32.ne (local.get $p) (i32.const 0)))
    (then (local.set $out (call $fmt_strip (local.get $out)))))
  (local.set $out (call $fmt_put_exponent (local.get $out) (local.get $x10)))
  (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))
