;; The reader: one cursor over a byte range in memory, used for Candid arguments and for the
;; stable-memory format alike. Every read checks the bounds and traps at the end of the input;
;; LEB128 reads that must fit 32 bits trap when they do not. It deliberately does not copy
;; the input: `read_bytes` returns a pointer into it.

(global $rd_ptr (export "rt_reader_ptr") (mut i32) (i32.const 0))
(global $rd_end (export "rt_reader_end") (mut i32) (i32.const 0))

(func $reader_init (export "reader_init") (param $ptr i32) (param $len i32)
  (global.set $rd_ptr (local.get $ptr))
  (global.set $rd_end (i32.add (local.get $ptr) (local.get $len))))

(func $reader_remaining (export "reader_remaining") (result i32)
  (i32.sub (global.get $rd_end) (global.get $rd_ptr)))

(func $read_byte (export "read_byte") (result i32)
  (local $p i32)
  (local.set $p (global.get $rd_ptr))
  (if (i32.ge_u (local.get $p) (global.get $rd_end)) (then (call $trap_msg (i32.const 0x0680))))
  (global.set $rd_ptr (i32.add (local.get $p) (i32.const 1)))
  (i32.load8_u (local.get $p)))

(func $read_bytes (export "read_bytes") (param $n i32) (result i32)
  (local $p i32)
  (local.set $p (global.get $rd_ptr))
  (if (i32.gt_u (local.get $n) (call $reader_remaining)) (then (call $trap_msg (i32.const 0x0680))))
  (global.set $rd_ptr (i32.add (local.get $p) (local.get $n)))
  (local.get $p))

(func $read_u32_le (export "read_u32_le") (result i32)
  (i32.load (call $read_bytes (i32.const 4))))

(func $read_leb_u32 (export "read_leb_u32") (result i32)
  (local $p i32)
  (local $b i32)
  (local $shift i32)
  (local $v i32)
  (local.set $p (global.get $rd_ptr))
  ;; One byte, the common case of lengths and counts.
  (if (i32.lt_u (local.get $p) (global.get $rd_end))
    (then
      (local.set $b (i32.load8_u (local.get $p)))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then
          (global.set $rd_ptr (i32.add (local.get $p) (i32.const 1)))
          (return (local.get $b))))))
  (loop $next
    (local.set $b (call $read_byte))
    ;; The fifth byte holds bits 28..31 only; anything more does not fit 32 bits.
    (if (i32.and (i32.eq (local.get $shift) (i32.const 28)) (i32.gt_u (local.get $b) (i32.const 0x0f)))
      (then (call $trap_msg (i32.const 0x0700))))
    (local.set $v (i32.or (local.get $v)
      (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
    (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  (local.get $v))

(func $read_sleb_i32 (export "read_sleb_i32") (result i32)
  (local $b i32)
  (local $shift i32)
  (local $v i32)
  (loop $next
    (local.set $b (call $read_byte))
    ;; The fifth byte holds bits 28..31; its bits 4..6 must repeat the sign bit 3, and it
    ;; must be the last byte.
    (if (i32.eq (local.get $shift) (i32.const 28))
      (then
        (if (i32.eqz (i32.or (i32.eqz (i32.and (local.get $b) (i32.const 0xf8)))
                             (i32.eq (i32.and (local.get $b) (i32.const 0xf8)) (i32.const 0x78))))
          (then (call $trap_msg (i32.const 0x0700))))))
    (local.set $v (i32.or (local.get $v)
      (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
    (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  (if (i32.and (i32.lt_u (local.get $shift) (i32.const 32)) (i32.ne (i32.and (local.get $b) (i32.const 0x40)) (i32.const 0)))
    (then (local.set $v (i32.or (local.get $v) (i32.shl (i32.const -1) (local.get $shift))))))
  (local.get $v))

;; Skips a LEB128 number of any length; returns its first byte's address and leaves the
;; number of bytes in `$leb_bytes`.
(global $leb_bytes (export "rt_reader_leb_bytes") (mut i32) (i32.const 0))
(func $skip_leb (result i32)
  (local $start i32)
  (local.set $start (global.get $rd_ptr))
  (loop $next
    (br_if $next (i32.and (call $read_byte) (i32.const 0x80))))
  (global.set $leb_bytes (i32.sub (global.get $rd_ptr) (local.get $start)))
  (local.get $start))

;; Unpacks k LEB128 bytes at p into the limbs of a fresh bignum of enough limbs; when
;; `signed`, sign-extends and stores the magnitude with the sign. Returns the normalised value.
(func $leb_to_int (param $p i32) (param $k i32) (param $signed i32) (result i32)
  (local $n i32)
  (local $r i32)
  (local $acc i64)
  (local $bits i32)
  (local $i i32)
  (local $j i32)
  (local $neg i32)
  (local $t i64)
  (local.set $n (i32.wrap_i64 (i64.div_u (i64.add (i64.mul (i64.extend_i32_u (local.get $k)) (i64.const 7)) (i64.const 31))
                                         (i64.const 32))))
  (local.set $r (call $big_alloc (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (local.set $acc (i64.or (local.get $acc)
        (i64.shl (i64.extend_i32_u (i32.and (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 0x7f)))
                 (i64.extend_i32_u (local.get $bits)))))
      (local.set $bits (i32.add (local.get $bits) (i32.const 7)))
      (if (i32.ge_u (local.get $bits) (i32.const 32))
        (then
          (i64.store32 offset=8 (i32.add (local.get $r) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc))
          (local.set $acc (i64.shr_u (local.get $acc) (i64.const 32)))
          (local.set $bits (i32.sub (local.get $bits) (i32.const 32)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (local.get $signed)
    (then (local.set $neg (i32.ne (i32.and (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $k) (i32.const 1))))
                                           (i32.const 0x40))
                                  (i32.const 0)))))
  (if (i32.gt_u (local.get $bits) (i32.const 0))
    (then
      (if (local.get $neg)
        (then (local.set $acc (i64.or (local.get $acc) (i64.shl (i64.const -1) (i64.extend_i32_u (local.get $bits)))))))
      (i64.store32 offset=8 (i32.add (local.get $r) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc))))
  (if (local.get $neg)
    (then
      ;; Two's complement to magnitude: invert every limb and add one.
      (local.set $t (i64.const 1))
      (local.set $j (i32.const 0))
      (block $negated
        (loop $limb
          (br_if $negated (i32.ge_u (local.get $j) (local.get $n)))
          (local.set $t (i64.add (local.get $t)
            (i64.extend_i32_u (i32.xor (i32.const -1)
              (i32.load offset=8 (i32.add (local.get $r) (i32.shl (local.get $j) (i32.const 2))))))))
          (i64.store32 offset=8 (i32.add (local.get $r) (i32.shl (local.get $j) (i32.const 2))) (local.get $t))
          (local.set $t (i64.shr_u (local.get $t) (i64.const 32)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $limb)))
      (call $big_set_sign (local.get $r) (i32.const 1))))
  (call $normalize (local.get $r)))

;; A number of at most four LEB128 bytes (below 2^28) is a small integer and needs no
;; bignum; longer ones go through `leb_to_int`.
(func $read_nat (export "read_nat") (result i32)
  (local $p i32)
  (local $b i32)
  (local $v i32)
  (local $shift i32)
  (local.set $p (global.get $rd_ptr))
  (block $long
    (loop $next
      (br_if $long (i32.ge_u (local.get $p) (global.get $rd_end)))
      (local.set $b (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $v (i32.or (local.get $v)
        (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then
          (global.set $rd_ptr (local.get $p))
          (return (i32.or (i32.shl (local.get $v) (i32.const 1)) (i32.const 1)))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (br_if $next (i32.lt_u (local.get $shift) (i32.const 28)))))
  (local.set $p (call $skip_leb))
  (call $leb_to_int (local.get $p) (global.get $leb_bytes) (i32.const 0)))

;; Like `read_nat`: at most four SLEB128 bytes (in [-2^27, 2^27)) make a small integer.
(func $read_int (export "read_int") (result i32)
  (local $p i32)
  (local $b i32)
  (local $v i32)
  (local $shift i32)
  (local.set $p (global.get $rd_ptr))
  (block $long
    (loop $next
      (br_if $long (i32.ge_u (local.get $p) (global.get $rd_end)))
      (local.set $b (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $v (i32.or (local.get $v)
        (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then
          (global.set $rd_ptr (local.get $p))
          ;; Sign-extend from bit shift-1, then tag.
          (local.set $shift (i32.sub (i32.const 32) (local.get $shift)))
          (local.set $v (i32.shr_s (i32.shl (local.get $v) (local.get $shift)) (local.get $shift)))
          (return (i32.or (i32.shl (local.get $v) (i32.const 1)) (i32.const 1)))))
      (br_if $next (i32.lt_u (local.get $shift) (i32.const 28)))))
  (local.set $p (call $skip_leb))
  (call $leb_to_int (local.get $p) (global.get $leb_bytes) (i32.const 1)))

(func $read_text (export "read_text") (result i32)
  (local $n i32)
  (local.set $n (call $read_leb_u32))
  (call $text_from_bytes (call $read_bytes (local.get $n)) (local.get $n)))
