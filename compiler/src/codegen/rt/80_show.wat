;; `debug_show` of the primitive values, in the text moc prints: digit groups for numbers
;; (`1_000_000`, `+5` for a positive Int, floats as `%.17g` with groups on both sides of the
;; point), chars and texts in quotes (unescaped, as moc does), blobs as `\XX` per byte and
;; principals in their textual form (CRC-32 and base32 in groups of five). Compound values
;; are assembled by generated code from these pieces; this file never sees a static type.

(data (i32.const 0x1400) "abcdefghijklmnopqrstuvwxyz234567")
(data (i32.const 0x1420) "0123456789ABCDEF")
(data (i32.const 0x1440) "nan")
(data (i32.const 0x1448) "-inf")

;; Copies the number text at (ptr, len) with digit groups: the integer digits in threes from
;; the right, the fraction digits in threes from the left; a sign and an exponent are kept.
;; With `plus`, a number that is neither negative nor zero gets a leading '+'.
(func $group_number (param $ptr i32) (param $len i32) (param $plus i32) (result i32)
  (local $buf i32)
  (local $out i32)
  (local $i i32)
  (local $end i32)
  (local $n i32)
  (local $k i32)
  (local $c i32)
  (local.set $buf (call $alloc (i32.mul (local.get $len) (i32.const 2))))
  (local.set $out (local.get $buf))
  (local.set $end (i32.add (local.get $ptr) (local.get $len)))
  (local.set $i (local.get $ptr))
  (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 45))
    (then
      (i32.store8 (local.get $out) (i32.const 45))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1))))
    (else
      (if (i32.and (local.get $plus)
                   (i32.or (i32.ne (local.get $len) (i32.const 1))
                           (i32.ne (i32.load8_u (local.get $i)) (i32.const 48))))
        (then
          (i32.store8 (local.get $out) (i32.const 43))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))))))
  ;; The integer digits.
  (local.set $n (i32.const 0))
  (block $counted
    (loop $count
      (br_if $counted (i32.ge_u (i32.add (local.get $i) (local.get $n)) (local.get $end)))
      (local.set $c (i32.load8_u (i32.add (local.get $i) (local.get $n))))
      (br_if $counted (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $count)))
  (local.set $k (i32.const 0))
  (block $done
    (loop $int
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (if (i32.and (i32.gt_u (local.get $k) (i32.const 0))
                   (i32.eqz (i32.rem_u (i32.sub (local.get $n) (local.get $k)) (i32.const 3))))
        (then
          (i32.store8 (local.get $out) (i32.const 95))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))))
      (i32.store8 (local.get $out) (i32.load8_u (i32.add (local.get $i) (local.get $k))))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $int)))
  (local.set $i (i32.add (local.get $i) (local.get $n)))
  ;; The fraction digits after a point.
  (if (i32.and (i32.lt_u (local.get $i) (local.get $end))
               (i32.eq (i32.load8_u (local.get $i)) (i32.const 46)))
    (then
      (i32.store8 (local.get $out) (i32.const 46))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $k (i32.const 0))
      (block $fdone
        (loop $frac
          (br_if $fdone (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $c (i32.load8_u (local.get $i)))
          (br_if $fdone (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
          (if (i32.and (i32.gt_u (local.get $k) (i32.const 0))
                       (i32.eqz (i32.rem_u (local.get $k) (i32.const 3))))
            (then
              (i32.store8 (local.get $out) (i32.const 95))
              (local.set $out (i32.add (local.get $out) (i32.const 1)))))
          (i32.store8 (local.get $out) (local.get $c))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $frac)))))
  ;; The rest (an exponent) unchanged.
  (memory.copy (local.get $out) (local.get $i) (i32.sub (local.get $end) (local.get $i)))
  (local.set $out (i32.add (local.get $out) (i32.sub (local.get $end) (local.get $i))))
  (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))

(func $show_nat (export "show_nat") (param $v i32) (result i32)
  (local $t i32)
  (local.set $t (call $int_to_text (local.get $v)))
  (call $group_number (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t)) (i32.const 0)))

(func $show_int (export "show_int") (param $v i32) (result i32)
  (local $t i32)
  (local.set $t (call $int_to_text (local.get $v)))
  (call $group_number (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t)) (i32.const 1)))

;; round(num / den), ties to even: the 17 significant digits of a float.
(func $div_round (param $num i32) (param $den i32) (result i32)
  (local $q i32)
  (local $c i32)
  (local.set $q (call $int_div (local.get $num) (local.get $den)))
  (local.set $c (call $int_cmp
    (call $int_mul (call $int_rem (local.get $num) (local.get $den)) (i32.const 5))
    (local.get $den)))
  (if (i32.or (i32.gt_s (local.get $c) (i32.const 0))
              (i32.and (i32.eqz (local.get $c))
                       (i32.eq (call $int_rem (local.get $q) (i32.const 5)) (i32.const 3))))
    (then (local.set $q (call $int_add (local.get $q) (i32.const 3)))))
  (local.get $q))

;; 2^k or 10^k (k >= 0) as an Int value.
(func $pow_of (param $base i32) (param $k i32) (result i32)
  (call $int_pow (call $tag (local.get $base)) (call $tag (local.get $k))))

;; The text of a float as C's `%.17g` prints it (exact decimal, ties to even), before groups.
(func $float_g17 (param $bits i64) (result i32)
  (local $buf i32)
  (local $out i32)
  (local $m i32)
  (local $e i32)
  (local $x i32)
  (local $s i32)
  (local $d i32)
  (local $digits i32)
  (local $last i32)
  (local $i i32)
  (local $exp i32)
  (local $lo i32)
  (local $hi i32)
  (local.set $buf (call $alloc (i32.const 64)))
  (local.set $out (local.get $buf))
  (if (i64.lt_s (local.get $bits) (i64.const 0))
    (then
      (i32.store8 (local.get $out) (i32.const 45))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))))
  (local.set $exp (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff))))
  (local.set $m (call $int_from_u64
    (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff))
            (select (i64.const 0) (i64.const 0x10000000000000) (i32.eqz (local.get $exp))))))
  (if (i32.eq (local.get $m) (i32.const 1))
    (then
      (i32.store8 (local.get $out) (i32.const 48))
      (return (call $text_new (local.get $buf) (i32.sub (i32.add (local.get $out) (i32.const 1)) (local.get $buf))))))
  (local.set $e (select (i32.const -1074) (i32.sub (local.get $exp) (i32.const 1075)) (i32.eqz (local.get $exp))))
  ;; log10(2) ~ 0.30103: an estimate of the decimal exponent, corrected below.
  (local.set $x (i32.trunc_f64_s (f64.floor (f64.mul
    (f64.convert_i32_s (i32.add (local.get $e) (i32.const 52))) (f64.const 0.30102999566398120)))))
  (local.set $lo (call $pow_of (i32.const 10) (i32.const 16)))
  (local.set $hi (call $pow_of (i32.const 10) (i32.const 17)))
  (loop $again
    (local.set $s (i32.sub (local.get $x) (i32.const 16)))
    (local.set $d (call $div_round
      (call $int_mul (call $int_mul (local.get $m)
                                    (call $pow_of (i32.const 2) (select (local.get $e) (i32.const 0) (i32.gt_s (local.get $e) (i32.const 0)))))
                     (call $pow_of (i32.const 10) (select (i32.sub (i32.const 0) (local.get $s)) (i32.const 0) (i32.lt_s (local.get $s) (i32.const 0)))))
      (call $int_mul (call $pow_of (i32.const 2) (select (i32.sub (i32.const 0) (local.get $e)) (i32.const 0) (i32.lt_s (local.get $e) (i32.const 0))))
                     (call $pow_of (i32.const 10) (select (local.get $s) (i32.const 0) (i32.gt_s (local.get $s) (i32.const 0)))))))
    (if (i32.ge_s (call $int_cmp (local.get $d) (local.get $hi)) (i32.const 0))
      (then (local.set $x (i32.add (local.get $x) (i32.const 1))) (br $again)))
    (if (i32.lt_s (call $int_cmp (local.get $d) (local.get $lo)) (i32.const 0))
      (then (local.set $x (i32.sub (local.get $x) (i32.const 1))) (br $again))))
  ;; 17 digits; drop trailing zeros.
  (local.set $digits (i32.add (call $int_to_text (local.get $d)) (i32.const 8)))
  (local.set $last (i32.const 17))
  (block $trimmed
    (loop $trim
      (br_if $trimmed (i32.le_u (local.get $last) (i32.const 1)))
      (br_if $trimmed (i32.ne (i32.load8_u (i32.add (local.get $digits) (i32.sub (local.get $last) (i32.const 1)))) (i32.const 48)))
      (local.set $last (i32.sub (local.get $last) (i32.const 1)))
      (br $trim)))
  (if (i32.or (i32.lt_s (local.get $x) (i32.const -4)) (i32.ge_s (local.get $x) (i32.const 17)))
    (then
      ;; d.ddd e±XX
      (i32.store8 (local.get $out) (i32.load8_u (local.get $digits)))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (if (i32.gt_u (local.get $last) (i32.const 1))
        (then
          (i32.store8 (local.get $out) (i32.const 46))
          (memory.copy (i32.add (local.get $out) (i32.const 1)) (i32.add (local.get $digits) (i32.const 1))
                       (i32.sub (local.get $last) (i32.const 1)))
          (local.set $out (i32.add (local.get $out) (local.get $last)))))
      (i32.store8 (local.get $out) (i32.const 101))
      (i32.store8 offset=1 (local.get $out) (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $x) (i32.const 0))))
      (local.set $out (i32.add (local.get $out) (i32.const 2)))
      (local.set $x (select (i32.sub (i32.const 0) (local.get $x)) (local.get $x) (i32.lt_s (local.get $x) (i32.const 0))))
      (if (i32.ge_u (local.get $x) (i32.const 100))
        (then
          (i32.store8 (local.get $out) (i32.add (i32.const 48) (i32.div_u (local.get $x) (i32.const 100))))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))))
      (i32.store8 (local.get $out) (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $x) (i32.const 10)) (i32.const 10))))
      (i32.store8 offset=1 (local.get $out) (i32.add (i32.const 48) (i32.rem_u (local.get $x) (i32.const 10))))
      (local.set $out (i32.add (local.get $out) (i32.const 2))))
    (else
      (if (i32.ge_s (local.get $x) (i32.const 0))
        (then
          (memory.copy (local.get $out) (local.get $digits) (i32.add (local.get $x) (i32.const 1)))
          (local.set $out (i32.add (i32.add (local.get $out) (local.get $x)) (i32.const 1)))
          (if (i32.gt_s (local.get $last) (i32.add (local.get $x) (i32.const 1)))
            (then
              (i32.store8 (local.get $out) (i32.const 46))
              (local.set $i (i32.sub (local.get $last) (i32.add (local.get $x) (i32.const 1))))
              (memory.copy (i32.add (local.get $out) (i32.const 1))
                           (i32.add (i32.add (local.get $digits) (local.get $x)) (i32.const 1)) (local.get $i))
              (local.set $out (i32.add (i32.add (local.get $out) (i32.const 1)) (local.get $i))))))
        (else
          ;; 0.000ddd
          (i32.store8 (local.get $out) (i32.const 48))
          (i32.store8 offset=1 (local.get $out) (i32.const 46))
          (local.set $out (i32.add (local.get $out) (i32.const 2)))
          (local.set $i (i32.sub (i32.sub (i32.const 0) (local.get $x)) (i32.const 1)))
          (memory.fill (local.get $out) (i32.const 48) (local.get $i))
          (local.set $out (i32.add (local.get $out) (local.get $i)))
          (memory.copy (local.get $out) (local.get $digits) (local.get $last))
          (local.set $out (i32.add (local.get $out) (local.get $last)))))))
  (call $text_new (local.get $buf) (i32.sub (local.get $out) (local.get $buf))))

;; `%.17g` as text, without digit groups (`floatToText` groups too: see `show_float`).
(func $float_plain (param $bits i64) (result i32)
  (local $exp i64)
  (local.set $exp (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff)))
  (if (i64.eq (local.get $exp) (i64.const 0x7ff))
    (then
      (if (i64.ne (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0))
        (then (return (call $text_new (i32.const 0x1440) (i32.const 3)))))
      (if (i64.lt_s (local.get $bits) (i64.const 0))
        (then (return (call $text_new (i32.const 0x1448) (i32.const 4)))))
      (return (call $text_new (i32.const 0x1449) (i32.const 3)))))
  (call $float_g17 (local.get $bits)))

;; A float as `debug_show` prints it: `%.17g` with digit groups.
(func $show_float (export "show_float") (param $f i32) (result i32)
  (local $t i32)
  (local.set $t (call $float_plain (i64.load offset=4 (local.get $f))))
  (call $group_number (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t)) (i32.const 0)))

;; Writes the UTF-8 encoding of code point `c` at `p`; returns its length.
(func $utf8_encode (param $c i32) (param $p i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (i32.store8 (local.get $p) (local.get $c)) (return (i32.const 1))))
  (if (i32.lt_u (local.get $c) (i32.const 0x800))
    (then
      (i32.store8 (local.get $p) (i32.or (i32.const 0xc0) (i32.shr_u (local.get $c) (i32.const 6))))
      (i32.store8 offset=1 (local.get $p) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
      (return (i32.const 2))))
  (if (i32.lt_u (local.get $c) (i32.const 0x10000))
    (then
      (i32.store8 (local.get $p) (i32.or (i32.const 0xe0) (i32.shr_u (local.get $c) (i32.const 12))))
      (i32.store8 offset=1 (local.get $p) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))))
      (i32.store8 offset=2 (local.get $p) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
      (return (i32.const 3))))
  (i32.store8 (local.get $p) (i32.or (i32.const 0xf0) (i32.shr_u (local.get $c) (i32.const 18))))
  (i32.store8 offset=1 (local.get $p) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 12)) (i32.const 0x3f))))
  (i32.store8 offset=2 (local.get $p) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))))
  (i32.store8 offset=3 (local.get $p) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
  (i32.const 4))

(func $char_to_text (export "char_to_text") (param $c i32) (result i32)
  (local $t i32)
  (local.set $t (call $text_alloc (i32.const 4)))
  (i32.store offset=4 (local.get $t) (call $utf8_encode (local.get $c) (i32.add (local.get $t) (i32.const 8))))
  (local.get $t))

;; The text between two quote characters `q`.
(func $quoted (param $q i32) (param $ptr i32) (param $len i32) (result i32)
  (local $t i32)
  (local.set $t (call $text_alloc (i32.add (local.get $len) (i32.const 2))))
  (i32.store8 offset=8 (local.get $t) (local.get $q))
  (memory.copy (i32.add (local.get $t) (i32.const 9)) (local.get $ptr) (local.get $len))
  (i32.store8 (i32.add (i32.add (local.get $t) (i32.const 9)) (local.get $len)) (local.get $q))
  (local.get $t))

(func $show_char (export "show_char") (param $c i32) (result i32)
  (local $buf i32)
  (local.set $buf (call $alloc (i32.const 4)))
  (call $quoted (i32.const 39) (local.get $buf) (call $utf8_encode (local.get $c) (local.get $buf))))

(func $show_text (export "show_text") (param $t i32) (result i32)
  (call $quoted (i32.const 34) (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t))))

(func $show_blob (export "show_blob") (param $b i32) (result i32)
  (local $n i32)
  (local $t i32)
  (local $i i32)
  (local $byte i32)
  (local $p i32)
  (local.set $n (i32.load offset=4 (local.get $b)))
  (local.set $t (call $text_alloc (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 2))))
  (i32.store8 offset=8 (local.get $t) (i32.const 34))
  (local.set $p (i32.add (local.get $t) (i32.const 9)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $byte (i32.load8_u offset=8 (i32.add (local.get $b) (local.get $i))))
      (i32.store8 (local.get $p) (i32.const 92))
      (i32.store8 offset=1 (local.get $p) (i32.load8_u offset=0x1420 (i32.shr_u (local.get $byte) (i32.const 4))))
      (i32.store8 offset=2 (local.get $p) (i32.load8_u offset=0x1420 (i32.and (local.get $byte) (i32.const 15))))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.store8 (local.get $p) (i32.const 34))
  (local.get $t))

;; CRC-32 (IEEE, reflected) of (ptr, len).
(func $crc32 (param $ptr i32) (param $len i32) (result i32)
  (local $crc i32)
  (local $i i32)
  (local $k i32)
  (local.set $crc (i32.const -1))
  (block $done
    (loop $byte
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (i32.add (local.get $ptr) (local.get $i)))))
      (local.set $k (i32.const 8))
      (loop $bit
        (local.set $crc
          (i32.xor (i32.shr_u (local.get $crc) (i32.const 1))
                   (i32.and (i32.const 0xedb88320) (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br_if $bit (local.get $k)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
  (i32.xor (local.get $crc) (i32.const -1)))

;; The textual form of a principal: base32 (lowercase, unpadded) of the big-endian CRC-32
;; followed by the bytes, in groups of five characters joined by '-'.
(func $show_principal (export "show_principal") (param $p i32) (result i32)
  (local $n i32)
  (local $raw i32)
  (local $crc i32)
  (local $out i32)
  (local $o i32)
  (local $acc i32)
  (local $bits i32)
  (local $i i32)
  (local $chars i32)
  (local.set $n (i32.load offset=4 (local.get $p)))
  (local.set $raw (call $alloc (i32.add (local.get $n) (i32.const 4))))
  (local.set $crc (call $crc32 (i32.add (local.get $p) (i32.const 8)) (local.get $n)))
  (i32.store8 (local.get $raw) (i32.shr_u (local.get $crc) (i32.const 24)))
  (i32.store8 offset=1 (local.get $raw) (i32.shr_u (local.get $crc) (i32.const 16)))
  (i32.store8 offset=2 (local.get $raw) (i32.shr_u (local.get $crc) (i32.const 8)))
  (i32.store8 offset=3 (local.get $raw) (local.get $crc))
  (memory.copy (i32.add (local.get $raw) (i32.const 4)) (i32.add (local.get $p) (i32.const 8)) (local.get $n))
  (local.set $n (i32.add (local.get $n) (i32.const 4)))
  (local.set $out (call $alloc (i32.mul (local.get $n) (i32.const 3))))
  (local.set $o (local.get $out))
  (block $done
    (loop $next
      (if (i32.lt_u (local.get $bits) (i32.const 5))
        (then
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $acc (i32.or (i32.shl (local.get $acc) (i32.const 8))
                                  (i32.load8_u (i32.add (local.get $raw) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $bits (i32.add (local.get $bits) (i32.const 8)))))
      (local.set $bits (i32.sub (local.get $bits) (i32.const 5)))
      (call $emit_b32 (local.get $o) (local.get $chars)
        (i32.and (i32.shr_u (local.get $acc) (local.get $bits)) (i32.const 31)))
      (local.set $o (i32.add (local.get $o) (select (i32.const 2) (i32.const 1)
        (i32.and (i32.gt_u (local.get $chars) (i32.const 0)) (i32.eqz (i32.rem_u (local.get $chars) (i32.const 5)))))))
      (local.set $chars (i32.add (local.get $chars) (i32.const 1)))
      (br $next)))
  (if (i32.gt_u (local.get $bits) (i32.const 0))
    (then
      (call $emit_b32 (local.get $o) (local.get $chars)
        (i32.and (i32.shl (local.get $acc) (i32.sub (i32.const 5) (local.get $bits))) (i32.const 31)))
      (local.set $o (i32.add (local.get $o) (select (i32.const 2) (i32.const 1)
        (i32.and (i32.gt_u (local.get $chars) (i32.const 0)) (i32.eqz (i32.rem_u (local.get $chars) (i32.const 5)))))))))
  (call $text_new (local.get $out) (i32.sub (local.get $o) (local.get $out))))

;; Writes base32 digit `v` at `o`, preceded by '-' when it starts a group after the first.
(func $emit_b32 (param $o i32) (param $chars i32) (param $v i32)
  (if (i32.and (i32.gt_u (local.get $chars) (i32.const 0)) (i32.eqz (i32.rem_u (local.get $chars) (i32.const 5))))
    (then
      (i32.store8 (local.get $o) (i32.const 45))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))))
  (i32.store8 (local.get $o) (i32.load8_u offset=0x1400 (local.get $v))))

;; The interpreter's printer of a final script value escapes what `debug_show` leaves raw: tab,
;; newline, both quotes and the backslash by a backslash, every other character outside
;; printable ASCII as `\u{hex}` (lower case, at least two digits). Its output is all ASCII,
;; so the layout marks that generated code interleaves (bytes below 0x20) stay unambiguous.

;; Writes the escape of code point `c` at `p`; returns the end of what it wrote.
(func $write_escaped (param $c i32) (param $p i32) (result i32)
  (local $digits i32)
  (local $k i32)
  (local $d i32)
  (local.set $d
    (if (result i32) (i32.eq (local.get $c) (i32.const 0x09)) (then (i32.const 116))
      (else (if (result i32) (i32.eq (local.get $c) (i32.const 0x0a)) (then (i32.const 110))
        (else (if (result i32) (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x22))
                                               (i32.eq (local.get $c) (i32.const 0x27)))
                                       (i32.eq (local.get $c) (i32.const 0x5c)))
          (then (local.get $c)) (else (i32.const 0))))))))
  (if (local.get $d)
    (then
      (i32.store8 (local.get $p) (i32.const 92))
      (i32.store8 offset=1 (local.get $p) (local.get $d))
      (return (i32.add (local.get $p) (i32.const 2)))))
  (if (i32.and (i32.ge_u (local.get $c) (i32.const 0x20)) (i32.lt_u (local.get $c) (i32.const 0x7f)))
    (then
      (i32.store8 (local.get $p) (local.get $c))
      (return (i32.add (local.get $p) (i32.const 1)))))
  ;; `\u{` hex `}`: two digits at least, six at most (0x10ffff).
  (local.set $digits (i32.const 2))
  (block $counted
    (loop $count
      (br_if $counted (i32.lt_u (local.get $c) (i32.shl (i32.const 1) (i32.shl (local.get $digits) (i32.const 2)))))
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (br $count)))
  (i32.store8 (local.get $p) (i32.const 92))
  (i32.store8 offset=1 (local.get $p) (i32.const 117))
  (i32.store8 offset=2 (local.get $p) (i32.const 123))
  (local.set $k (i32.const 0))
  (block $done
    (loop $digit
      (br_if $done (i32.ge_u (local.get $k) (local.get $digits)))
      (local.set $d (i32.and (i32.shr_u (local.get $c)
                                        (i32.shl (i32.sub (i32.sub (local.get $digits) (i32.const 1)) (local.get $k))
                                                 (i32.const 2)))
                             (i32.const 15)))
      (i32.store8 offset=3 (i32.add (local.get $p) (local.get $k))
        (i32.add (local.get $d) (if (result i32) (i32.lt_u (local.get $d) (i32.const 10))
                                  (then (i32.const 48)) (else (i32.const 87)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $digit)))
  (i32.store8 offset=3 (i32.add (local.get $p) (local.get $digits)) (i32.const 125))
  (i32.add (local.get $p) (i32.add (local.get $digits) (i32.const 4))))

;; The UTF-8 text at (ptr, len), escaped, between two quote characters `q`.
(func $escaped (param $q i32) (param $ptr i32) (param $len i32) (result i32)
  (local $t i32)
  (local $out i32)
  (local $end i32)
  (local $c i64)
  ;; An escape is at most six bytes per byte of input (`\u{01}` for one byte).
  (local.set $t (call $text_alloc (i32.add (i32.mul (local.get $len) (i32.const 6)) (i32.const 2))))
  (i32.store8 offset=8 (local.get $t) (local.get $q))
  (local.set $out (i32.add (local.get $t) (i32.const 9)))
  (local.set $end (i32.add (local.get $ptr) (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
      (local.set $c (call $utf8_char_at (local.get $ptr)))
      (local.set $out (call $write_escaped (i32.wrap_i64 (local.get $c)) (local.get $out)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.wrap_i64 (i64.shr_u (local.get $c) (i64.const 32)))))
      (br $next)))
  (i32.store8 (local.get $out) (local.get $q))
  (i32.store offset=4 (local.get $t)
    (i32.sub (i32.add (local.get $out) (i32.const 1)) (i32.add (local.get $t) (i32.const 8))))
  (local.get $t))

(func $pretty_text (export "pretty_text") (param $t i32) (result i32)
  (call $escaped (i32.const 34) (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t))))

(func $pretty_char (export "pretty_char") (param $c i32) (result i32)
  (local $buf i32)
  (local.set $buf (call $alloc (i32.const 4)))
  (call $escaped (i32.const 39) (local.get $buf) (call $utf8_encode (local.get $c) (local.get $buf))))
