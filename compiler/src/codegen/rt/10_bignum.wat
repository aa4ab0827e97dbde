;; Nat and Int: tagged small integers with a bignum fallback (sign-magnitude, 32-bit limbs).
;; Arithmetic, comparison and decimal printing live here; LEB128 reading and writing of
;; integers live with the reader and the writer. Division is schoolbook (by one limb) or
;; bit-by-bit shift-subtract: correct for every size, deliberately not the fastest.
;;
;; Invariant: every result is normalised. A value in [-2^30, 2^30) is always a tagged small
;; integer, a bignum has no leading zero limbs, so equal numbers have equal representations
;; up to pointer identity.

(func $is_small (param $x i32) (result i32)
  (i32.and (local.get $x) (i32.const 1)))

(func $tag (param $v i32) (result i32)
  (i32.or (i32.shl (local.get $v) (i32.const 1)) (i32.const 1)))

(func $untag (param $x i32) (result i32)
  (i32.shr_s (local.get $x) (i32.const 1)))

;; Number of limbs and sign (1 = negative) of a bignum-shaped object.
(func $big_len (param $p i32) (result i32)
  (i32.and (i32.load offset=4 (local.get $p)) (i32.const 0x7fffffff)))

(func $big_sign (param $p i32) (result i32)
  (i32.shr_u (i32.load offset=4 (local.get $p)) (i32.const 31)))

(func $limb (param $p i32) (param $i i32) (result i64)
  (i64.load32_u offset=8 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))

;; A fresh non-negative bignum of `n` zero limbs (not yet normalised).
(func $big_alloc (param $n i32) (result i32)
  (local $p i32)
  (if (i32.gt_u (local.get $n) (i32.const 0x3ffffff0))
    (then (call $trap_msg (i32.const 0x0400))))
  (local.set $p (call $alloc (i32.add (i32.shl (local.get $n) (i32.const 2)) (i32.const 8))))
  (i32.store (local.get $p) (i32.const 1))
  (i32.store offset=4 (local.get $p) (local.get $n))
  (local.get $p))

(func $big_set_sign (param $p i32) (param $neg i32)
  (i32.store offset=4 (local.get $p)
    (i32.or (call $big_len (local.get $p)) (i32.shl (local.get $neg) (i32.const 31)))))

;; A bignum-shaped view of `x`: `x` itself when boxed, else the small value written into the
;; scratch slot `slot` (one of 0x0100, 0x0110, 0x0120). Views are read-only and short-lived.
(func $view (param $x i32) (param $slot i32) (result i32)
  (local $v i32)
  (if (i32.eqz (call $is_small (local.get $x))) (then (return (local.get $x))))
  (local.set $v (call $untag (local.get $x)))
  (i32.store (local.get $slot) (i32.const 1))
  (if (i32.lt_s (local.get $v) (i32.const 0))
    (then
      (i32.store offset=4 (local.get $slot) (i32.const 0x80000001))
      (i32.store offset=8 (local.get $slot) (i32.sub (i32.const 0) (local.get $v))))
    (else
      (i32.store offset=4 (local.get $slot) (i32.ne (local.get $v) (i32.const 0)))
      (i32.store offset=8 (local.get $slot) (local.get $v))))
  (local.get $slot))

;; Number of limbs at `p` once leading zero limbs are ignored.
(func $mag_trim (param $p i32) (param $n i32) (result i32)
  (block $done
    (loop $strip
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done
        (i32.load (i32.add (local.get $p) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $strip)))
  (local.get $n))

;; Turns a freshly computed bignum into a normalised value: strips leading zero limbs and
;; tags the result when it fits a small integer.
(func $normalize (param $p i32) (result i32)
  (local $n i32)
  (local $m i32)
  (local $neg i32)
  (local.set $neg (call $big_sign (local.get $p)))
  (local.set $n (call $mag_trim (i32.add (local.get $p) (i32.const 8)) (call $big_len (local.get $p))))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
  (if (i32.eq (local.get $n) (i32.const 1))
    (then
      (local.set $m (i32.load offset=8 (local.get $p)))
      (if (i32.and (i32.eqz (local.get $neg)) (i32.lt_u (local.get $m) (i32.const 0x40000000)))
        (then (return (call $tag (local.get $m)))))
      (if (i32.and (local.get $neg) (i32.le_u (local.get $m) (i32.const 0x40000000)))
        (then (return (call $tag (i32.sub (i32.const 0) (local.get $m))))))))
  (i32.store offset=4 (local.get $p) (i32.or (local.get $n) (i32.shl (local.get $neg) (i32.const 31))))
  (local.get $p))

;; Compares magnitudes: -1, 0 or 1.
(func $mag_cmp (param $ap i32) (param $an i32) (param $bp i32) (param $bn i32) (result i32)
  (local $x i32)
  (local $y i32)
  (local.set $an (call $mag_trim (local.get $ap) (local.get $an)))
  (local.set $bn (call $mag_trim (local.get $bp) (local.get $bn)))
  (if (i32.ne (local.get $an) (local.get $bn))
    (then (return (select (i32.const 1) (i32.const -1) (i32.gt_u (local.get $an) (local.get $bn))))))
  (block $equal
    (loop $next
      (br_if $equal (i32.eqz (local.get $an)))
      (local.set $an (i32.sub (local.get $an) (i32.const 1)))
      (local.set $x (i32.load (i32.add (local.get $ap) (i32.shl (local.get $an) (i32.const 2)))))
      (local.set $y (i32.load (i32.add (local.get $bp) (i32.shl (local.get $an) (i32.const 2)))))
      (if (i32.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const 1) (i32.const -1) (i32.gt_u (local.get $x) (local.get $y))))))
      (br $next)))
  (i32.const 0))

;; r = a + b over limbs; r has room for max(an, bn) + 1 limbs.
(func $mag_add (param $ap i32) (param $an i32) (param $bp i32) (param $bn i32) (param $rp i32)
  (local $i i32)
  (local $n i32)
  (local $sum i64)
  (local.set $n (select (local.get $an) (local.get $bn) (i32.gt_u (local.get $an) (local.get $bn))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.lt_u (local.get $i) (local.get $an))
        (then (local.set $sum (i64.add (local.get $sum)
          (i64.load32_u (i32.add (local.get $ap) (i32.shl (local.get $i) (i32.const 2))))))))
      (if (i32.lt_u (local.get $i) (local.get $bn))
        (then (local.set $sum (i64.add (local.get $sum)
          (i64.load32_u (i32.add (local.get $bp) (i32.shl (local.get $i) (i32.const 2))))))))
      (i64.store32 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2))) (local.get $sum))
      (local.set $sum (i64.shr_u (local.get $sum) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i64.store32 (i32.add (local.get $rp) (i32.shl (local.get $n) (i32.const 2))) (local.get $sum)))

;; r = a - b over an limbs, for a >= b; r may be a itself.
(func $mag_sub (param $ap i32) (param $an i32) (param $bp i32) (param $bn i32) (param $rp i32)
  (local $i i32)
  (local $d i64)
  (local $borrow i64)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $d (i64.sub
        (i64.load32_u (i32.add (local.get $ap) (i32.shl (local.get $i) (i32.const 2))))
        (local.get $borrow)))
      (if (i32.lt_u (local.get $i) (local.get $bn))
        (then (local.set $d (i64.sub (local.get $d)
          (i64.load32_u (i32.add (local.get $bp) (i32.shl (local.get $i) (i32.const 2))))))))
      (i64.store32 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2))) (local.get $d))
      (local.set $borrow (i64.shr_u (local.get $d) (i64.const 63)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; r += a * b over limbs; r is zeroed and has room for an + bn limbs.
(func $mag_mul (param $ap i32) (param $an i32) (param $bp i32) (param $bn i32) (param $rp i32)
  (local $i i32)
  (local $j i32)
  (local $ai i64)
  (local $t i64)
  (local $rij i32)
  (block $done_i
    (loop $next_i
      (br_if $done_i (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $ai (i64.load32_u (i32.add (local.get $ap) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $t (i64.const 0))
      (local.set $j (i32.const 0))
      (block $done_j
        (loop $next_j
          (br_if $done_j (i32.ge_u (local.get $j) (local.get $bn)))
          (local.set $rij (i32.add (local.get $rp)
            (i32.shl (i32.add (local.get $i) (local.get $j)) (i32.const 2))))
          ;; (2^32-1)^2 + 2 (2^32-1) = 2^64 - 1, so the sum never overflows 64 bits.
          (local.set $t (i64.add
            (i64.add (i64.mul (local.get $ai)
                              (i64.load32_u (i32.add (local.get $bp) (i32.shl (local.get $j) (i32.const 2)))))
                     (i64.load32_u (local.get $rij)))
            (i64.shr_u (local.get $t) (i64.const 32))))
          (i64.store32 (local.get $rij) (local.get $t))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $next_j)))
      (i64.store32 (i32.add (local.get $rp) (i32.shl (i32.add (local.get $i) (local.get $bn)) (i32.const 2)))
        (i64.shr_u (local.get $t) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next_i))))

;; q = a / d over an limbs for a one-limb divisor d != 0; q may be a itself. Returns a % d.
(func $mag_divmod_small (param $ap i32) (param $an i32) (param $d i32) (param $qp i32) (result i32)
  (local $rem i64)
  (local $cur i64)
  (local $i i32)
  (local.set $i (local.get $an))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $cur (i64.or (i64.shl (local.get $rem) (i64.const 32))
        (i64.load32_u (i32.add (local.get $ap) (i32.shl (local.get $i) (i32.const 2))))))
      (i64.store32 (i32.add (local.get $qp) (i32.shl (local.get $i) (i32.const 2)))
        (i64.div_u (local.get $cur) (i64.extend_i32_u (local.get $d))))
      (local.set $rem (i64.rem_u (local.get $cur) (i64.extend_i32_u (local.get $d))))
      (br $next)))
  (i32.wrap_i64 (local.get $rem)))

;; Shifts n limbs at p left by one bit in place.
(func $mag_shl1 (param $p i32) (param $n i32)
  (local $i i32)
  (local $x i32)
  (local $carry i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
        (i32.or (i32.shl (local.get $x) (i32.const 1)) (local.get $carry)))
      (local.set $carry (i32.shr_u (local.get $x) (i32.const 31)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; Boxes the magnitude m with the given sign, normalised.
(func $from_mag64 (param $m i64) (param $neg i32) (result i32)
  (local $p i32)
  (local.set $p (call $big_alloc (i32.const 2)))
  (i64.store offset=8 (local.get $p) (local.get $m))
  (call $big_set_sign (local.get $p) (local.get $neg))
  (call $normalize (local.get $p)))

(func $int_from_i64 (export "int_from_i64") (param $v i64) (result i32)
  (if (i64.lt_u (i64.add (local.get $v) (i64.const 0x40000000)) (i64.const 0x80000000))
    (then (return (call $tag (i32.wrap_i64 (local.get $v))))))
  (if (i64.lt_s (local.get $v) (i64.const 0))
    (then (return (call $from_mag64 (i64.sub (i64.const 0) (local.get $v)) (i32.const 1)))))
  (call $from_mag64 (local.get $v) (i32.const 0)))

(func $int_from_u64 (export "int_from_u64") (param $v i64) (result i32)
  (if (i64.lt_u (local.get $v) (i64.const 0x40000000))
    (then (return (call $tag (i32.wrap_i64 (local.get $v))))))
  (call $from_mag64 (local.get $v) (i32.const 0)))

;; Tags the sum or difference of two small values (which always fits 32 bits).
(func $from_i32 (param $v i32) (result i32)
  (if (i32.lt_u (i32.add (local.get $v) (i32.const 0x40000000)) (i32.const 0x80000000))
    (then (return (call $tag (local.get $v)))))
  (call $int_from_i64 (i64.extend_i32_s (local.get $v))))

;; a + b for bignum-shaped a and b, with b's sign flipped when `flip` is 1.
(func $add_signed (param $a i32) (param $b i32) (param $flip i32) (result i32)
  (local $an i32)
  (local $bn i32)
  (local $sa i32)
  (local $sb i32)
  (local $c i32)
  (local $r i32)
  (local.set $an (call $big_len (local.get $a)))
  (local.set $bn (call $big_len (local.get $b)))
  (local.set $sa (call $big_sign (local.get $a)))
  (local.set $sb (i32.xor (call $big_sign (local.get $b)) (local.get $flip)))
  (if (i32.eq (local.get $sa) (local.get $sb))
    (then
      (local.set $r (call $big_alloc (i32.add (i32.const 1)
        (select (local.get $an) (local.get $bn) (i32.gt_u (local.get $an) (local.get $bn))))))
      (call $mag_add (i32.add (local.get $a) (i32.const 8)) (local.get $an)
                     (i32.add (local.get $b) (i32.const 8)) (local.get $bn)
                     (i32.add (local.get $r) (i32.const 8)))
      (call $big_set_sign (local.get $r) (local.get $sa))
      (return (call $normalize (local.get $r)))))
  (local.set $c (call $mag_cmp (i32.add (local.get $a) (i32.const 8)) (local.get $an)
                               (i32.add (local.get $b) (i32.const 8)) (local.get $bn)))
  (if (i32.eqz (local.get $c)) (then (return (i32.const 1))))
  (if (i32.gt_s (local.get $c) (i32.const 0))
    (then
      (local.set $r (call $big_alloc (local.get $an)))
      (call $mag_sub (i32.add (local.get $a) (i32.const 8)) (local.get $an)
                     (i32.add (local.get $b) (i32.const 8)) (local.get $bn)
                     (i32.add (local.get $r) (i32.const 8)))
      (call $big_set_sign (local.get $r) (local.get $sa)))
    (else
      (local.set $r (call $big_alloc (local.get $bn)))
      (call $mag_sub (i32.add (local.get $b) (i32.const 8)) (local.get $bn)
                     (i32.add (local.get $a) (i32.const 8)) (local.get $an)
                     (i32.add (local.get $r) (i32.const 8)))
      (call $big_set_sign (local.get $r) (local.get $sb))))
  (call $normalize (local.get $r)))

(func $int_add (export "int_add") (param $a i32) (param $b i32) (result i32)
  (if (i32.and (i32.and (local.get $a) (local.get $b)) (i32.const 1))
    (then (return (call $from_i32 (i32.add (call $untag (local.get $a)) (call $untag (local.get $b)))))))
  (call $add_signed (call $view (local.get $a) (i32.const 0x0100))
                    (call $view (local.get $b) (i32.const 0x0110)) (i32.const 0)))

(func $int_sub (export "int_sub") (param $a i32) (param $b i32) (result i32)
  (if (i32.and (i32.and (local.get $a) (local.get $b)) (i32.const 1))
    (then (return (call $from_i32 (i32.sub (call $untag (local.get $a)) (call $untag (local.get $b)))))))
  (call $add_signed (call $view (local.get $a) (i32.const 0x0100))
                    (call $view (local.get $b) (i32.const 0x0110)) (i32.const 1)))

(func $nat_sub (export "nat_sub") (param $a i32) (param $b i32) (result i32)
  (local $r i32)
  (local.set $r (call $int_sub (local.get $a) (local.get $b)))
  (if (call $int_is_neg (local.get $r)) (then (call $exec_error_msg (i32.const 0x0500))))
  (local.get $r))

(func $int_mul (export "int_mul") (param $a i32) (param $b i32) (result i32)
  (local $an i32)
  (local $bn i32)
  (local $r i32)
  (if (i32.and (i32.and (local.get $a) (local.get $b)) (i32.const 1))
    (then (return (call $int_from_i64 (i64.mul (i64.extend_i32_s (call $untag (local.get $a)))
                                                (i64.extend_i32_s (call $untag (local.get $b))))))))
  (local.set $a (call $view (local.get $a) (i32.const 0x0100)))
  (local.set $b (call $view (local.get $b) (i32.const 0x0110)))
  (local.set $an (call $big_len (local.get $a)))
  (local.set $bn (call $big_len (local.get $b)))
  (if (i32.or (i32.eqz (local.get $an)) (i32.eqz (local.get $bn))) (then (return (i32.const 1))))
  (local.set $r (call $big_alloc (i32.add (local.get $an) (local.get $bn))))
  (call $mag_mul (i32.add (local.get $a) (i32.const 8)) (local.get $an)
                 (i32.add (local.get $b) (i32.const 8)) (local.get $bn)
                 (i32.add (local.get $r) (i32.const 8)))
  (call $big_set_sign (local.get $r) (i32.xor (call $big_sign (local.get $a)) (call $big_sign (local.get $b))))
  (call $normalize (local.get $r)))

(func $int_neg (export "int_neg") (param $a i32) (result i32)
  (local $n i32)
  (local $r i32)
  (if (call $is_small (local.get $a))
    (then (return (call $int_from_i64 (i64.sub (i64.const 0) (i64.extend_i32_s (call $untag (local.get $a))))))))
  (local.set $n (call $big_len (local.get $a)))
  (local.set $r (call $big_alloc (local.get $n)))
  (memory.copy (i32.add (local.get $r) (i32.const 8)) (i32.add (local.get $a) (i32.const 8))
               (i32.shl (local.get $n) (i32.const 2)))
  (call $big_set_sign (local.get $r) (i32.xor (call $big_sign (local.get $a)) (i32.const 1)))
  (call $normalize (local.get $r)))

(func $int_is_neg (export "int_is_neg") (param $a i32) (result i32)
  (if (result i32) (call $is_small (local.get $a))
    (then (i32.lt_s (local.get $a) (i32.const 0)))
    (else (call $big_sign (local.get $a)))))

(func $int_cmp (export "int_cmp") (param $a i32) (param $b i32) (result i32)
  (local $sa i32)
  (local $c i32)
  ;; Tagging is monotonic, so two small values compare as their tagged words.
  (if (i32.and (i32.and (local.get $a) (local.get $b)) (i32.const 1))
    (then (return (i32.sub (i32.gt_s (local.get $a) (local.get $b)) (i32.lt_s (local.get $a) (local.get $b))))))
  (local.set $a (call $view (local.get $a) (i32.const 0x0100)))
  (local.set $b (call $view (local.get $b) (i32.const 0x0110)))
  (local.set $sa (call $big_sign (local.get $a)))
  (if (i32.ne (local.get $sa) (call $big_sign (local.get $b)))
    (then (return (select (i32.const -1) (i32.const 1) (local.get $sa)))))
  (local.set $c (call $mag_cmp (i32.add (local.get $a) (i32.const 8)) (call $big_len (local.get $a))
                               (i32.add (local.get $b) (i32.const 8)) (call $big_len (local.get $b))))
  (select (i32.sub (i32.const 0) (local.get $c)) (local.get $c) (local.get $sa)))

(func $int_eq (export "int_eq") (param $a i32) (param $b i32) (result i32)
  (if (i32.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  ;; Normalisation means a small value never equals a bignum.
  (if (i32.and (i32.or (local.get $a) (local.get $b)) (i32.const 1)) (then (return (i32.const 0))))
  (i32.eqz (call $int_cmp (local.get $a) (local.get $b))))
