;; Nat and Int division, remainder, power and decimal text. Division truncates toward zero
;; and the remainder takes the dividend's sign, as in Motoko. Long division by a multi-limb
;; divisor goes bit by bit (shift and subtract): simple and correct, deliberately not Knuth's
;; algorithm D.

;; a / b (want_rem = 0) or a % b (want_rem = 1).
(func $divmod (param $a i32) (param $b i32) (param $want_rem i32) (result i32)
  (local $x i32)
  (local $y i32)
  (local $va i32)
  (local $vb i32)
  (local $an i32)
  (local $bn i32)
  (local $q i32)
  (local $r i32)
  (local $i i32)
  (local $sa i32)
  (local $sb i32)
  (if (i32.and (i32.and (local.get $a) (local.get $b)) (i32.const 1))
    (then
      (local.set $x (call $untag (local.get $a)))
      (local.set $y (call $untag (local.get $b)))
      (if (i32.eqz (local.get $y)) (then (call $exec_error_msg (i32.const 0x0480))))
      (if (local.get $want_rem)
        (then (return (call $tag (i32.rem_s (local.get $x) (local.get $y))))))
      ;; -2^30 / -1 = 2^30 does not fit a small integer, hence the detour through i64.
      (return (call $int_from_i64 (i64.extend_i32_s (i32.div_s (local.get $x) (local.get $y)))))))
  (local.set $va (call $view (local.get $a) (i32.const 0x0100)))
  (local.set $vb (call $view (local.get $b) (i32.const 0x0110)))
  (local.set $an (call $big_len (local.get $va)))
  (local.set $bn (call $big_len (local.get $vb)))
  (local.set $sa (call $big_sign (local.get $va)))
  (local.set $sb (call $big_sign (local.get $vb)))
  (if (i32.eqz (local.get $bn)) (then (call $exec_error_msg (i32.const 0x0480))))
  (if (i32.lt_s (call $mag_cmp (i32.add (local.get $va) (i32.const 8)) (local.get $an)
                               (i32.add (local.get $vb) (i32.const 8)) (local.get $bn))
                (i32.const 0))
    (then (return (select (local.get $a) (i32.const 1) (local.get $want_rem)))))
  (local.set $q (call $big_alloc (local.get $an)))
  (if (i32.eq (local.get $bn) (i32.const 1))
    (then
      (local.set $r (call $big_alloc (i32.const 1)))
      (i32.store offset=8 (local.get $r)
        (call $mag_divmod_small (i32.add (local.get $va) (i32.const 8)) (local.get $an)
                                (i32.load offset=8 (local.get $vb)) (i32.add (local.get $q) (i32.const 8)))))
    (else
      ;; The running remainder never exceeds 2 b, so bn + 1 limbs hold it.
      (local.set $r (call $big_alloc (i32.add (local.get $bn) (i32.const 1))))
      (local.set $i (i32.shl (local.get $an) (i32.const 5)))
      (block $done
        (loop $next_bit
          (br_if $done (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (call $mag_shl1 (i32.add (local.get $r) (i32.const 8)) (i32.add (local.get $bn) (i32.const 1)))
          (i32.store offset=8 (local.get $r)
            (i32.or (i32.load offset=8 (local.get $r))
              (i32.and (i32.shr_u
                         (i32.load offset=8 (i32.add (local.get $va) (i32.shl (i32.shr_u (local.get $i) (i32.const 5)) (i32.const 2))))
                         (i32.and (local.get $i) (i32.const 31)))
                       (i32.const 1))))
          (if (i32.ge_s (call $mag_cmp (i32.add (local.get $r) (i32.const 8)) (i32.add (local.get $bn) (i32.const 1))
                                       (i32.add (local.get $vb) (i32.const 8)) (local.get $bn))
                        (i32.const 0))
            (then
              (call $mag_sub (i32.add (local.get $r) (i32.const 8)) (i32.add (local.get $bn) (i32.const 1))
                             (i32.add (local.get $vb) (i32.const 8)) (local.get $bn)
                             (i32.add (local.get $r) (i32.const 8)))
              (i32.store offset=8 (i32.add (local.get $q) (i32.shl (i32.shr_u (local.get $i) (i32.const 5)) (i32.const 2)))
                (i32.or (i32.load offset=8 (i32.add (local.get $q) (i32.shl (i32.shr_u (local.get $i) (i32.const 5)) (i32.const 2))))
                        (i32.shl (i32.const 1) (i32.and (local.get $i) (i32.const 31)))))))
          (br $next_bit)))))
  (if (local.get $want_rem)
    (then
      (call $big_set_sign (local.get $r) (local.get $sa))
      (return (call $normalize (local.get $r)))))
  (call $big_set_sign (local.get $q) (i32.xor (local.get $sa) (local.get $sb)))
  (call $normalize (local.get $q)))

(func $int_div (export "int_div") (param $a i32) (param $b i32) (result i32)
  (call $divmod (local.get $a) (local.get $b) (i32.const 0)))

(func $int_rem (export "int_rem") (param $a i32) (param $b i32) (result i32)
  (call $divmod (local.get $a) (local.get $b) (i32.const 1)))

;; a ** b by repeated squaring. A bignum exponent only makes sense for the bases 0, 1 and -1;
;; any other base would need more than 4 GiB, so that case traps as out of memory.
(func $int_pow (export "int_pow") (param $a i32) (param $b i32) (result i32)
  (local $e i32)
  (local $result i32)
  (if (call $int_is_neg (local.get $b)) (then (call $exec_error_msg (i32.const 0x0580))))
  (if (i32.eqz (call $is_small (local.get $b)))
    (then
      (if (i32.or (i32.eq (local.get $a) (i32.const 1)) (i32.eq (local.get $a) (i32.const 3)))
        (then (return (local.get $a))))
      (if (i32.eq (local.get $a) (i32.const -1))
        (then (return (select (i32.const -1) (i32.const 3) (i32.and (i32.load offset=8 (local.get $b)) (i32.const 1))))))
      (call $trap_msg (i32.const 0x0400))))
  (local.set $e (call $untag (local.get $b)))
  (local.set $result (i32.const 3))
  (block $done
    (loop $square
      (br_if $done (i32.eqz (local.get $e)))
      (if (i32.and (local.get $e) (i32.const 1))
        (then (local.set $result (call $int_mul (local.get $result) (local.get $a)))))
      (local.set $e (i32.shr_u (local.get $e) (i32.const 1)))
      (br_if $done (i32.eqz (local.get $e)))
      (local.set $a (call $int_mul (local.get $a) (local.get $a)))
      (br $square)))
  (local.get $result))

;; Writes the decimal digits of v backwards ending before `pos`, at least `min` digits (zero
;; padded); returns the address of the first digit.
(func $emit_digits (param $v i32) (param $pos i32) (param $min i32) (result i32)
  (local $count i32)
  (loop $digit
    (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
    (i32.store8 (local.get $pos) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
    (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
    (local.set $count (i32.add (local.get $count) (i32.const 1)))
    (br_if $digit (i32.or (i32.ne (local.get $v) (i32.const 0)) (i32.lt_u (local.get $count) (local.get $min)))))
  (local.get $pos))

(func $int_to_text (export "int_to_text") (param $a i32) (result i32)
  (local $va i32)
  (local $n i32)
  (local $tmp i32)
  (local $buf i32)
  (local $end i32)
  (local $pos i32)
  (local $rem i32)
  (local.set $va (call $view (local.get $a) (i32.const 0x0100)))
  (local.set $n (call $big_len (local.get $va)))
  ;; A 32-bit limb has fewer than 10 decimal digits; one more byte for the sign.
  (local.set $buf (call $alloc (i32.add (i32.mul (i32.add (local.get $n) (i32.const 1)) (i32.const 10)) (i32.const 1))))
  (local.set $end (i32.add (local.get $buf) (i32.add (i32.mul (i32.add (local.get $n) (i32.const 1)) (i32.const 10)) (i32.const 1))))
  (local.set $pos (local.get $end))
  (local.set $tmp (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (memory.copy (local.get $tmp) (i32.add (local.get $va) (i32.const 8)) (i32.shl (local.get $n) (i32.const 2)))
  (if (i32.eqz (local.get $n))
    (then (local.set $pos (call $emit_digits (i32.const 0) (local.get $pos) (i32.const 1)))))
  (block $done
    (loop $chunk
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $rem (call $mag_divmod_small (local.get $tmp) (local.get $n) (i32.const 1000000000) (local.get $tmp)))
      (local.set $n (call $mag_trim (local.get $tmp) (local.get $n)))
      ;; Inner chunks are zero padded to nine digits; the leading chunk is not.
      (local.set $pos (call $emit_digits (local.get $rem) (local.get $pos)
                        (select (i32.const 9) (i32.const 1) (local.get $n))))
      (br $chunk)))
  (if (call $big_sign (local.get $va))
    (then
      (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
      (i32.store8 (local.get $pos) (i32.const 45))))
  (call $text_new (local.get $pos) (i32.sub (local.get $end) (local.get $pos))))
