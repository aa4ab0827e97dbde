;; The character primitives of `mo:⛔`: case mapping (`charToUpper`, `charToLower`) and the
;; properties White_Space, Alphabetic, Lowercase and Uppercase, with the results of Rust's
;; `char` methods for every Unicode scalar value (a case mapping to several characters, such
;; as 'ß' to "SS", leaves the character unchanged, as moc does). ASCII is answered inline; other
;; characters search the tables generated into 62_char_tables.wat. This file holds no Unicode
;; data besides White_Space, which is short enough to spell out.

;; 1 if `c` lies in one of the `n` inclusive ranges at `table` (6 bytes each: two 3-byte code
;; points), by binary search for the last range starting at or below `c`.
(func $char_in_ranges (param $c i32) (param $table i32) (param $n i32) (result i32)
  (local $lo i32)
  (local $hi i32)
  (local $mid i32)
  (local $entry i32)
  ;; Invariant: ranges below $lo start at or below c, ranges at $hi and above start above it.
  (local.set $hi (local.get $n))
  (block $found
    (loop $search
      (br_if $found (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (if (i32.le_u (i32.and (i32.load (i32.add (local.get $table) (i32.mul (local.get $mid) (i32.const 6))))
                             (i32.const 0xffffff))
                    (local.get $c))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $search)))
  (if (i32.eqz (local.get $lo)) (then (return (i32.const 0))))
  (local.set $entry (i32.add (local.get $table) (i32.mul (i32.sub (local.get $lo) (i32.const 1)) (i32.const 6))))
  (i32.le_u (local.get $c) (i32.and (i32.load offset=3 (local.get $entry)) (i32.const 0xffffff))))

;; `c` mapped by the `n` runs at `table` (8 bytes each: first code point, count, then
;; `delta * 2 + (stride - 1)`), or `c` itself when no run holds it.
(func $char_in_runs (param $c i32) (param $table i32) (param $n i32) (result i32)
  (local $lo i32)
  (local $hi i32)
  (local $mid i32)
  (local $entry i32)
  (local $offset i32)
  (local $word i32)
  (local $stride i32)
  (local.set $hi (local.get $n))
  (block $found
    (loop $search
      (br_if $found (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (if (i32.le_u (i32.and (i32.load (i32.add (local.get $table) (i32.shl (local.get $mid) (i32.const 3))))
                             (i32.const 0xffffff))
                    (local.get $c))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $search)))
  (if (i32.eqz (local.get $lo)) (then (return (local.get $c))))
  (local.set $entry (i32.add (local.get $table) (i32.shl (i32.sub (local.get $lo) (i32.const 1)) (i32.const 3))))
  (local.set $offset (i32.sub (local.get $c) (i32.and (i32.load (local.get $entry)) (i32.const 0xffffff))))
  (local.set $word (i32.load offset=4 (local.get $entry)))
  (local.set $stride (i32.add (i32.and (local.get $word) (i32.const 1)) (i32.const 1)))
  (if (i32.rem_u (local.get $offset) (local.get $stride)) (then (return (local.get $c))))
  (if (i32.ge_u (i32.div_u (local.get $offset) (local.get $stride)) (i32.load8_u offset=3 (local.get $entry)))
    (then (return (local.get $c))))
  (i32.add (local.get $c) (i32.shr_s (local.get $word) (i32.const 1))))

(func $char_to_upper (export "char_to_upper") (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (select (i32.sub (local.get $c) (i32.const 32)) (local.get $c)
                          (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))))))
  (call $char_table_upper (local.get $c)))

(func $char_to_lower (export "char_to_lower") (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (select (i32.add (local.get $c) (i32.const 32)) (local.get $c)
                          (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26))))))
  (call $char_table_lower (local.get $c)))

;; White_Space: U+0009..U+000D, space, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
;; U+2029, U+202F, U+205F and U+3000.
(func $char_is_whitespace (export "char_is_whitespace") (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x2000))
    (then (return (i32.or (i32.or (i32.lt_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 5))
                                  (i32.eq (local.get $c) (i32.const 32)))
                          (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x85))
                                          (i32.eq (local.get $c) (i32.const 0xa0)))
                                  (i32.eq (local.get $c) (i32.const 0x1680)))))))
  (i32.or (i32.or (i32.le_u (local.get $c) (i32.const 0x200a))
                  (i32.lt_u (i32.sub (local.get $c) (i32.const 0x2028)) (i32.const 2)))
          (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x202f))
                          (i32.eq (local.get $c) (i32.const 0x205f)))
                  (i32.eq (local.get $c) (i32.const 0x3000)))))

(func $char_is_alphabetic (export "char_is_alphabetic") (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 32)) (i32.const 97)) (i32.const 26)))))
  (call $char_table_alphabetic (local.get $c)))

(func $char_is_lowercase (export "char_is_lowercase") (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26)))))
  (call $char_table_lowercase (local.get $c)))

(func $char_is_uppercase (export "char_is_uppercase") (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26)))))
  (call $char_table_uppercase (local.get $c)))
