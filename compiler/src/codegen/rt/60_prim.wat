;; Primitives of `mo:⛔` that need more than a few instructions: conversions between Int and
;; fixed-width or float values, UTF-8 decoding into an option, and the `next` functions of
;; the iterators over texts, arrays and blobs. Iterator closures have the layout of
;; `rt_abi` (`[TAG_CLOSURE][slot][2][subject][position]`) and advance their position in
;; place. This file does not build iterator objects; generated code does.

;; An Int value as i64 at the width (`bits`, `signed`): the low bits when `wrap`, otherwise
;; the exact value, trapping with "arithmetic overflow" when it does not fit.
(func $int_to_bits (export "int_to_bits") (param $v i32) (param $bits i32) (param $signed i32)
      (param $wrap i32) (result i64)
  (local $r i64)
  (local $n i32)
  (local $low i64)
  (local $neg i32)
  (local $exact i32)
  (if (call $is_small (local.get $v))
    (then
      (local.set $r (i64.extend_i32_s (call $untag (local.get $v))))
      (local.set $exact (i32.or (local.get $signed) (i64.ge_s (local.get $r) (i64.const 0)))))
    (else
      (local.set $n (call $big_len (local.get $v)))
      (local.set $neg (call $big_sign (local.get $v)))
      (local.set $low (call $limb (local.get $v) (i32.const 0)))
      (if (i32.gt_u (local.get $n) (i32.const 1))
        (then (local.set $low (i64.or (local.get $low)
          (i64.shl (call $limb (local.get $v) (i32.const 1)) (i64.const 32))))))
      (local.set $r (select (i64.sub (i64.const 0) (local.get $low)) (local.get $low) (local.get $neg)))
      (local.set $exact
        (i32.and (i32.le_u (local.get $n) (i32.const 2))
          (if (result i32) (local.get $signed)
            (then (select (i64.le_u (local.get $low) (i64.const 0x8000000000000000))
                          (i64.le_u (local.get $low) (i64.const 0x7fffffffffffffff))
                          (local.get $neg)))
            (else (i32.eqz (local.get $neg))))))))
  (if (local.get $wrap) (then (return (call $fixed_normalize (local.get $r) (local.get $bits) (local.get $signed)))))
  (if (i32.or (i32.eqz (local.get $exact))
              (i64.ne (call $fixed_normalize (local.get $r) (local.get $bits) (local.get $signed)) (local.get $r)))
    (then (call $exec_error_msg (i32.const 0x0480))))
  (local.get $r))

;; The Int truncating a float toward zero; NaN and infinities trap.
(func $int_from_f64 (export "int_from_f64") (param $x f64) (result i32)
  (local $bits i64)
  (local $e i32)
  (local $m i32)
  (if (i32.or (f64.ne (local.get $x) (local.get $x)) (f64.eq (f64.abs (local.get $x)) (f64.const inf)))
    (then (call $exec_error_msg (i32.const 0x0480))))
  (local.set $x (f64.trunc (local.get $x)))
  (if (f64.lt (f64.abs (local.get $x)) (f64.const 0x1p62))
    (then (return (call $int_from_i64 (i64.trunc_f64_s (local.get $x))))))
  ;; |x| >= 2^62 is an integer m * 2^e with a 53-bit m and e >= 10.
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  (local.set $e (i32.sub (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff))) (i32.const 1075)))
  (local.set $m (call $int_mul
    (call $int_from_u64 (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0x10000000000000)))
    (call $int_pow (i32.const 5) (call $tag (local.get $e)))))
  (if (result i32) (i64.lt_s (local.get $bits) (i64.const 0))
    (then (call $int_neg (local.get $m)))
    (else (local.get $m))))

;; The float nearest an Int (limbs summed from the most significant).
(func $int_to_f64 (export "int_to_f64") (param $v i32) (result f64)
  (local $n i32)
  (local $r f64)
  (if (call $is_small (local.get $v)) (then (return (f64.convert_i32_s (call $untag (local.get $v))))))
  (local.set $n (call $big_len (local.get $v)))
  (block $done
    (loop $limb
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $r (f64.add (f64.mul (local.get $r) (f64.const 4294967296))
                             (f64.convert_i64_u (call $limb (local.get $v) (local.get $n)))))
      (br $limb)))
  (select (f64.neg (local.get $r)) (local.get $r) (call $big_sign (local.get $v))))

;; `?text` of a blob's bytes, `null` when they are not UTF-8.
(func $decode_utf8 (export "decode_utf8") (param $b i32) (result i32)
  (if (i32.eqz (call $utf8_valid (i32.add (local.get $b) (i32.const 8)) (i32.load offset=4 (local.get $b))))
    (then (return (i32.const 0))))
  (call $some (call $text_new (i32.add (local.get $b) (i32.const 8)) (i32.load offset=4 (local.get $b)))))

;; `next` of a text's `chars()`: the character at the byte position, or null at the end.
(func $text_iter_next (export "text_iter_next") (param $it i32) (result i32)
  (local $t i32)
  (local $pos i32)
  (local $p i32)
  (local $b i32)
  (local $c i32)
  (local $extra i32)
  (local.set $t (i32.load offset=12 (local.get $it)))
  (local.set $pos (i32.load offset=16 (local.get $it)))
  (if (i32.ge_u (local.get $pos) (i32.load offset=4 (local.get $t))) (then (return (i32.const 0))))
  (local.set $p (i32.add (i32.add (local.get $t) (i32.const 8)) (local.get $pos)))
  (local.set $b (i32.load8_u (local.get $p)))
  (if (i32.lt_u (local.get $b) (i32.const 0x80))
    (then (local.set $c (local.get $b)))
    (else
      (if (i32.lt_u (local.get $b) (i32.const 0xe0))
        (then (local.set $c (i32.and (local.get $b) (i32.const 0x1f))) (local.set $extra (i32.const 1)))
        (else
          (if (i32.lt_u (local.get $b) (i32.const 0xf0))
            (then (local.set $c (i32.and (local.get $b) (i32.const 0x0f))) (local.set $extra (i32.const 2)))
            (else (local.set $c (i32.and (local.get $b) (i32.const 0x07))) (local.set $extra (i32.const 3))))))))
  (i32.store offset=16 (local.get $it) (i32.add (i32.add (local.get $pos) (i32.const 1)) (local.get $extra)))
  (block $done
    (loop $tail
      (br_if $done (i32.eqz (local.get $extra)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 6)) (i32.and (i32.load8_u (local.get $p)) (i32.const 0x3f))))
      (local.set $extra (i32.sub (local.get $extra) (i32.const 1)))
      (br $tail)))
  (call $some (local.get $c)))

;; `next` of an array's `vals()` (`kind` 0), `keys()` (1), or a blob's `vals()` (2).
(func $seq_iter_next (export "seq_iter_next") (param $it i32) (param $kind i32) (result i32)
  (local $a i32)
  (local $i i32)
  (local.set $a (i32.load offset=12 (local.get $it)))
  (local.set $i (i32.load offset=16 (local.get $it)))
  (if (i32.ge_u (local.get $i) (i32.load offset=4 (local.get $a))) (then (return (i32.const 0))))
  (i32.store offset=16 (local.get $it) (i32.add (local.get $i) (i32.const 1)))
  (if (i32.eq (local.get $kind) (i32.const 1)) (then (return (call $some (call $tag (local.get $i))))))
  (if (i32.eq (local.get $kind) (i32.const 2))
    (then (return (call $some (i32.load8_u offset=8 (i32.add (local.get $a) (local.get $i)))))))
  (call $some (i32.load offset=8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))))
