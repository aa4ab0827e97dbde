;; Fixed-width arithmetic that generated code does not inline: checked 64-bit
;; multiplication and exponentiation for every width. Values arrive as i64, sign-extended
;; for signed types and zero-extended for unsigned ones, with the width in bits; results
;; come back the same way. Overflow is an execution error ("arithmetic overflow", as moc
;; says); the wrapping forms (`*%`, `**%`) never trap. This file knows nothing of boxing:
;; the code generator unboxes and boxes.

;; The i64 form of `v` truncated to `bits` (sign- or zero-extended back).
(func $fixed_normalize (param $v i64) (param $bits i32) (param $signed i32) (result i64)
  (local $shift i64)
  (if (i32.ge_u (local.get $bits) (i32.const 64)) (then (return (local.get $v))))
  (local.set $shift (i64.extend_i32_u (i32.sub (i32.const 64) (local.get $bits))))
  (if (result i64) (local.get $signed)
    (then (i64.shr_s (i64.shl (local.get $v) (local.get $shift)) (local.get $shift)))
    (else (i64.shr_u (i64.shl (local.get $v) (local.get $shift)) (local.get $shift)))))

;; a * b at the width; traps on overflow unless `wrap`.
(func $fixed_mul (export "fixed_mul") (param $a i64) (param $b i64) (param $bits i32)
      (param $signed i32) (param $wrap i32) (result i64)
  (local $r i64)
  (local $n i64)
  (local.set $r (i64.mul (local.get $a) (local.get $b)))
  (if (i32.lt_u (local.get $bits) (i32.const 64))
    (then
      ;; Operands of at most 32 bits: the 64-bit product is exact (as bits), so it
      ;; overflowed exactly when truncation changes it.
      (local.set $n (call $fixed_normalize (local.get $r) (local.get $bits) (local.get $signed)))
      (if (i32.and (i32.eqz (local.get $wrap)) (i64.ne (local.get $n) (local.get $r)))
        (then (call $exec_error_msg (i32.const 0x0480))))
      (return (local.get $n))))
  (if (local.get $wrap) (then (return (local.get $r))))
  (if (local.get $signed)
    (then
      (if (i64.eq (local.get $a) (i64.const -1))
        (then
          (if (i64.eq (local.get $b) (i64.const 0x8000000000000000))
            (then (call $exec_error_msg (i32.const 0x0480))))
          (return (local.get $r))))
      (if (i64.ne (local.get $a) (i64.const 0))
        (then
          (if (i64.ne (i64.div_s (local.get $r) (local.get $a)) (local.get $b))
            (then (call $exec_error_msg (i32.const 0x0480)))))))
    (else
      (if (i64.ne (local.get $a) (i64.const 0))
        (then
          (if (i64.ne (i64.div_u (local.get $r) (local.get $a)) (local.get $b))
            (then (call $exec_error_msg (i32.const 0x0480))))))))
  (local.get $r))

;; a ** b at the width by repeated squaring; a negative exponent traps. Squaring the base
;; only when more bits of the exponent remain keeps a needless square from trapping: when
;; it is needed, the result is at least that large.
(func $fixed_pow (export "fixed_pow") (param $a i64) (param $b i64) (param $bits i32)
      (param $signed i32) (param $wrap i32) (result i64)
  (local $r i64)
  (if (i32.and (local.get $signed) (i64.lt_s (local.get $b) (i64.const 0)))
    (then (call $exec_error_msg (i32.const 0x0480))))
  (local.set $r (i64.const 1))
  (block $done
    (loop $next
      (br_if $done (i64.eqz (local.get $b)))
      (if (i32.wrap_i64 (i64.and (local.get $b) (i64.const 1)))
        (then
          (local.set $r (call $fixed_mul (local.get $r) (local.get $a) (local.get $bits)
                                          (local.get $signed) (local.get $wrap)))))
      (local.set $b (i64.shr_u (local.get $b) (i64.const 1)))
      (br_if $done (i64.eqz (local.get $b)))
      (local.set $a (call $fixed_mul (local.get $a) (local.get $a) (local.get $bits)
                                      (local.get $signed) (local.get $wrap)))
      (br $next)))
  (local.get $r))
