;; Text values: `[TAG_TEXT][byte_len][utf-8 bytes]`. Concatenation, equality, byte-order
;; comparison, length in scalar values and construction from bytes with strict UTF-8
;; validation. There are deliberately no ropes or text iterators yet: concatenation copies.

;; A text of `len` uninitialised (zero) bytes.
(func $text_alloc (param $len i32) (result i32)
  (local $p i32)
  (if (i32.gt_u (local.get $len) (i32.const 0xfffffff0))
    (then (call $trap_msg (i32.const 0x0400))))
  (local.set $p (call $alloc (i32.add (local.get $len) (i32.const 8))))
  (i32.store (local.get $p) (i32.const 2))
  (i32.store offset=4 (local.get $p) (local.get $len))
  (local.get $p))

;; A text holding a copy of (ptr, len), which the caller knows to be valid UTF-8.
(func $text_new (param $ptr i32) (param $len i32) (result i32)
  (local $t i32)
  (local.set $t (call $text_alloc (local.get $len)))
  (memory.copy (i32.add (local.get $t) (i32.const 8)) (local.get $ptr) (local.get $len))
  (local.get $t))

(func $text_concat (export "text_concat") (param $a i32) (param $b i32) (result i32)
  (local $la i32)
  (local $lb i32)
  (local $t i32)
  (local.set $la (i32.load offset=4 (local.get $a)))
  (local.set $lb (i32.load offset=4 (local.get $b)))
  (if (i32.lt_u (i32.add (local.get $la) (local.get $lb)) (local.get $la))
    (then (call $trap_msg (i32.const 0x0400))))
  (local.set $t (call $text_alloc (i32.add (local.get $la) (local.get $lb))))
  (memory.copy (i32.add (local.get $t) (i32.const 8)) (i32.add (local.get $a) (i32.const 8)) (local.get $la))
  (memory.copy (i32.add (i32.add (local.get $t) (i32.const 8)) (local.get $la))
               (i32.add (local.get $b) (i32.const 8)) (local.get $lb))
  (local.get $t))

(func $text_cmp (export "text_cmp") (param $a i32) (param $b i32) (result i32)
  (local $la i32)
  (local $lb i32)
  (local $n i32)
  (local $i i32)
  (local $x i32)
  (local $y i32)
  (local.set $la (i32.load offset=4 (local.get $a)))
  (local.set $lb (i32.load offset=4 (local.get $b)))
  (local.set $n (select (local.get $la) (local.get $lb) (i32.lt_u (local.get $la) (local.get $lb))))
  ;; Skips the common prefix eight bytes at a time; the first difference is then found
  ;; byte by byte (the words are little-endian, so they do not order as the bytes do).
  (local.set $i (call $common_words (local.get $a) (local.get $b) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (i32.load8_u offset=8 (i32.add (local.get $a) (local.get $i))))
      (local.set $y (i32.load8_u offset=8 (i32.add (local.get $b) (local.get $i))))
      (if (i32.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $x) (local.get $y))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.sub (i32.gt_u (local.get $la) (local.get $lb)) (i32.lt_u (local.get $la) (local.get $lb))))

;; How many of the first n bytes of the byte objects a and b, in whole eight-byte words,
;; are equal: a multiple of 8, at most n.
(func $common_words (param $a i32) (param $b i32) (param $n i32) (result i32)
  (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 8)))
      (br_if $done (i64.ne (i64.load offset=8 (i32.add (local.get $a) (local.get $i)))
                           (i64.load offset=8 (i32.add (local.get $b) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $next)))
  (local.get $i))

(func $text_eq (export "text_eq") (param $a i32) (param $b i32) (result i32)
  (local $n i32)
  (local $i i32)
  (if (i32.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (local.set $n (i32.load offset=4 (local.get $a)))
  (if (i32.ne (local.get $n) (i32.load offset=4 (local.get $b)))
    (then (return (i32.const 0))))
  (local.set $i (call $common_words (local.get $a) (local.get $b) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (i32.load8_u offset=8 (i32.add (local.get $a) (local.get $i)))
                  (i32.load8_u offset=8 (i32.add (local.get $b) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; Counts the bytes that start a scalar value, i.e. that are not continuation bytes.
(func $text_len (export "text_len") (param $a i32) (result i32)
  (local $i i32)
  (local $n i32)
  (local $count i32)
  (local.set $n (i32.load offset=4 (local.get $a)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (i32.and (i32.load8_u offset=8 (i32.add (local.get $a) (local.get $i))) (i32.const 0xc0))
                  (i32.const 0x80))
        (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $count))

;; 1 if (p, n) is well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
(func $utf8_valid (param $p i32) (param $n i32) (result i32)
  (local $end i32)
  (local $b i32)
  (local $extra i32)
  (local $lo i32)
  (local $hi i32)
  (local $c i32)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  ;; ASCII, eight bytes at a time, until the first byte with its top bit set.
  (block $ascii_done
    (loop $ascii
      (br_if $ascii_done (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
      (br_if $ascii_done (i64.ne (i64.and (i64.load (local.get $p)) (i64.const 0x8080808080808080)) (i64.const 0)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $ascii)))
  (block $ok
    (loop $next
      (br_if $ok (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $b (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $b) (i32.const 0x80)))
      ;; The allowed range of the second byte depends on the lead byte.
      (local.set $lo (i32.const 0x80))
      (local.set $hi (i32.const 0xbf))
      (if (i32.lt_u (local.get $b) (i32.const 0xc2)) (then (return (i32.const 0))))
      (if (i32.le_u (local.get $b) (i32.const 0xdf))
        (then (local.set $extra (i32.const 1)))
        (else
          (if (i32.le_u (local.get $b) (i32.const 0xef))
            (then
              (local.set $extra (i32.const 2))
              (if (i32.eq (local.get $b) (i32.const 0xe0)) (then (local.set $lo (i32.const 0xa0))))
              (if (i32.eq (local.get $b) (i32.const 0xed)) (then (local.set $hi (i32.const 0x9f)))))
            (else
              (if (i32.gt_u (local.get $b) (i32.const 0xf4)) (then (return (i32.const 0))))
              (local.set $extra (i32.const 3))
              (if (i32.eq (local.get $b) (i32.const 0xf0)) (then (local.set $lo (i32.const 0x90))))
              (if (i32.eq (local.get $b) (i32.const 0xf4)) (then (local.set $hi (i32.const 0x8f))))))))
      (if (i32.gt_u (local.get $extra) (i32.sub (local.get $end) (local.get $p))) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.or (i32.lt_u (local.get $c) (local.get $lo)) (i32.gt_u (local.get $c) (local.get $hi)))
        (then (return (i32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $extra (i32.sub (local.get $extra) (i32.const 1)))
      (block $tail_done
        (loop $tail
          (br_if $tail_done (i32.eqz (local.get $extra)))
          (if (i32.ne (i32.and (i32.load8_u (local.get $p)) (i32.const 0xc0)) (i32.const 0x80))
            (then (return (i32.const 0))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (local.set $extra (i32.sub (local.get $extra) (i32.const 1)))
          (br $tail)))
      (br $next)))
  (i32.const 1))

(func $text_from_bytes (export "text_from_bytes") (param $ptr i32) (param $len i32) (result i32)
  (if (i32.eqz (call $utf8_valid (local.get $ptr) (local.get $len)))
    (then (call $trap_msg (i32.const 0x0600))))
  (call $text_new (local.get $ptr) (local.get $len)))

;; The character whose UTF-8 encoding starts at `p` (text is valid UTF-8, so the lead byte says
;; how many continuation bytes follow), packed as `width << 32 | code point`: `for` loops
;; over `t.chars()` call this for non-ASCII characters only.
(func $utf8_char_at (export "utf8_char_at") (param $p i32) (result i64)
  (local $b i32)
  (local $c i32)
  (local $extra i32)
  (local.set $b (i32.load8_u (local.get $p)))
  (if (i32.lt_u (local.get $b) (i32.const 0x80))
    (then (return (i64.or (i64.const 0x100000000) (i64.extend_i32_u (local.get $b))))))
  (if (i32.lt_u (local.get $b) (i32.const 0xe0))
    (then (local.set $c (i32.and (local.get $b) (i32.const 0x1f))) (local.set $extra (i32.const 1)))
    (else
      (if (i32.lt_u (local.get $b) (i32.const 0xf0))
        (then (local.set $c (i32.and (local.get $b) (i32.const 0x0f))) (local.set $extra (i32.const 2)))
        (else (local.set $c (i32.and (local.get $b) (i32.const 0x07))) (local.set $extra (i32.const 3))))))
  (local.set $b (i32.add (local.get $extra) (i32.const 1)))
  (block $done
    (loop $tail
      (br_if $done (i32.eqz (local.get $extra)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 6))
                            (i32.and (i32.load8_u (local.get $p)) (i32.const 0x3f))))
      (local.set $extra (i32.sub (local.get $extra) (i32.const 1)))
      (br $tail)))
  (i64.or (i64.shl (i64.extend_i32_u (local.get $b)) (i64.const 32))
          (i64.extend_i32_u (local.get $c))))
