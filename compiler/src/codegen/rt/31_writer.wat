;; The writer: one growable byte buffer in the heap, for Candid replies and the stable-memory
;; format alike. When the buffer is the newest allocation it grows in place; otherwise it
;; moves to a larger allocation (the old one is simply abandoned, as there is no collector).
;; It deliberately does not write to stable memory or reply by itself: the generated code
;; hands (writer_ptr, writer_len) to the System API.

(global $wr_buf (export "rt_writer_buf") (mut i32) (i32.const 0))
(global $wr_len (export "rt_writer_len") (mut i32) (i32.const 0))
(global $wr_cap (export "rt_writer_cap") (mut i32) (i32.const 0))

(func $writer_reset (export "writer_reset")
  (global.set $wr_buf (i32.const 0))
  (global.set $wr_len (i32.const 0))
  (global.set $wr_cap (i32.const 0)))

(func $writer_ptr (export "writer_ptr") (result i32) (global.get $wr_buf))
(func $writer_len (export "writer_len") (result i32) (global.get $wr_len))

;; Makes room for n more bytes and returns where they go.
(func $writer_reserve (param $n i32) (result i32)
  (local $need i32)
  (local $cap i64)
  (local $p i32)
  (local.set $need (i32.add (global.get $wr_len) (local.get $n)))
  (if (i32.lt_u (local.get $need) (local.get $n)) (then (call $trap_msg (i32.const 0x0400))))
  (if (i32.gt_u (local.get $need) (global.get $wr_cap))
    (then
      ;; Doubling keeps appends amortised constant; computed in 64 bits, capped below 4 GiB.
      (local.set $cap (i64.shl (i64.extend_i32_u (global.get $wr_cap)) (i64.const 1)))
      (if (i64.lt_u (local.get $cap) (i64.extend_i32_u (local.get $need)))
        (then (local.set $cap (i64.extend_i32_u (local.get $need)))))
      (if (i64.lt_u (local.get $cap) (i64.const 64)) (then (local.set $cap (i64.const 64))))
      (local.set $cap (i64.and (i64.add (local.get $cap) (i64.const 3)) (i64.const -4)))
      (if (i64.gt_u (local.get $cap) (i64.const 0xfffffff0)) (then (call $trap_msg (i32.const 0x0400))))
      (if (i32.and (i32.ne (global.get $wr_buf) (i32.const 0))
                   (i32.eq (i32.add (global.get $wr_buf) (global.get $wr_cap)) (global.get $heap_ptr)))
        (then
          (drop (call $alloc (i32.sub (i32.wrap_i64 (local.get $cap)) (global.get $wr_cap)))))
        (else
          (local.set $p (call $alloc (i32.wrap_i64 (local.get $cap))))
          (memory.copy (local.get $p) (global.get $wr_buf) (global.get $wr_len))
          (global.set $wr_buf (local.get $p))))
      (global.set $wr_cap (i32.wrap_i64 (local.get $cap)))))
  (local.set $p (i32.add (global.get $wr_buf) (global.get $wr_len)))
  (global.set $wr_len (local.get $need))
  (local.get $p))

(func $write_byte (export "write_byte") (param $b i32)
  (i32.store8 (call $writer_reserve (i32.const 1)) (local.get $b)))

(func $write_bytes (export "write_bytes") (param $ptr i32) (param $len i32)
  (memory.copy (call $writer_reserve (local.get $len)) (local.get $ptr) (local.get $len)))

(func $write_u32_le (export "write_u32_le") (param $v i32)
  (i32.store (call $writer_reserve (i32.const 4)) (local.get $v)))

;; Reserves the five bytes the longest encoding needs, writes in place, then gives back the
;; bytes it did not use: one bounds check per number instead of one per byte.
(func $write_leb_u32 (export "write_leb_u32") (param $v i32)
  (local $p i32)
  (local.set $p (call $writer_reserve (i32.const 5)))
  (loop $next
    (if (i32.ge_u (local.get $v) (i32.const 0x80))
      (then
        (i32.store8 (local.get $p) (i32.or (local.get $v) (i32.const 0x80)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $v (i32.shr_u (local.get $v) (i32.const 7)))
        (br $next))))
  (i32.store8 (local.get $p) (local.get $v))
  (global.set $wr_len (i32.sub (i32.add (local.get $p) (i32.const 1)) (global.get $wr_buf))))

(func $write_sleb_i32 (export "write_sleb_i32") (param $v i32)
  (local $b i32)
  (loop $next
    (local.set $b (i32.and (local.get $v) (i32.const 0x7f)))
    (local.set $v (i32.shr_s (local.get $v) (i32.const 7)))
    ;; Done once the rest is pure sign extension of the byte's bit 6.
    (if (i32.or (i32.and (i32.eqz (local.get $v)) (i32.eqz (i32.and (local.get $b) (i32.const 0x40))))
                (i32.and (i32.eq (local.get $v) (i32.const -1)) (i32.ne (i32.and (local.get $b) (i32.const 0x40)) (i32.const 0))))
      (then (call $write_byte (local.get $b)))
      (else
        (call $write_byte (i32.or (local.get $b) (i32.const 0x80)))
        (br $next)))))

;; Writes a bignum as LEB128: unsigned, or signed (two's complement, computed limb by limb).
(func $write_leb_big (param $p i32) (param $signed i32)
  (local $n i32)
  (local $neg i32)
  (local $i i32)
  (local $acc i64)
  (local $bits i32)
  (local $carry i64)
  (local $limb i64)
  (local $b i32)
  (local $last i32)
  (local.set $n (call $big_len (local.get $p)))
  (local.set $neg (call $big_sign (local.get $p)))
  (local.set $carry (i64.const 1))
  (loop $next
    (if (i32.and (i32.lt_s (local.get $bits) (i32.const 7)) (i32.lt_u (local.get $i) (local.get $n)))
      (then
        (local.set $limb (call $limb (local.get $p) (local.get $i)))
        (if (local.get $neg)
          (then
            (local.set $limb (i64.add (i64.xor (local.get $limb) (i64.const 0xffffffff)) (local.get $carry)))
            (local.set $carry (i64.shr_u (local.get $limb) (i64.const 32)))
            (local.set $limb (i64.and (local.get $limb) (i64.const 0xffffffff)))))
        (local.set $acc (i64.or (local.get $acc) (i64.shl (local.get $limb) (i64.extend_i32_s (local.get $bits)))))
        (local.set $bits (i32.add (local.get $bits) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; Past the last limb a negative number continues with ones forever.
        (if (i32.and (local.get $neg) (i32.eq (local.get $i) (local.get $n)))
          (then (local.set $acc (i64.or (local.get $acc) (i64.shl (i64.const -1) (i64.extend_i32_s (local.get $bits)))))))))
    (local.set $b (i32.and (i32.wrap_i64 (local.get $acc)) (i32.const 0x7f)))
    (local.set $acc (i64.shr_s (local.get $acc) (i64.const 7)))
    (local.set $bits (i32.sub (local.get $bits) (i32.const 7)))
    (local.set $last (i32.const 0))
    (if (i32.eq (local.get $i) (local.get $n))
      (then
        (if (local.get $signed)
          (then
            (local.set $last
              (i32.or (i32.and (i64.eqz (local.get $acc)) (i32.eqz (i32.and (local.get $b) (i32.const 0x40))))
                      (i32.and (i64.eq (local.get $acc) (i64.const -1)) (i32.ne (i32.and (local.get $b) (i32.const 0x40)) (i32.const 0))))))
          (else (local.set $last (i64.eqz (local.get $acc)))))))
    (if (local.get $last)
      (then (call $write_byte (local.get $b)))
      (else
        (call $write_byte (i32.or (local.get $b) (i32.const 0x80)))
        (br $next)))))

(func $write_nat (export "write_nat") (param $x i32)
  (if (call $int_is_neg (local.get $x)) (then (call $trap_msg (i32.const 0x0780))))
  (if (call $is_small (local.get $x))
    (then (call $write_leb_u32 (call $untag (local.get $x))))
    (else (call $write_leb_big (local.get $x) (i32.const 0)))))

(func $write_int (export "write_int") (param $x i32)
  (if (call $is_small (local.get $x))
    (then (call $write_sleb_i32 (call $untag (local.get $x))))
    (else (call $write_leb_big (local.get $x) (i32.const 1)))))

(func $write_text (export "write_text") (param $t i32)
  (call $write_leb_u32 (i32.load offset=4 (local.get $t)))
  (call $write_bytes (i32.add (local.get $t) (i32.const 8)) (i32.load offset=4 (local.get $t))))
