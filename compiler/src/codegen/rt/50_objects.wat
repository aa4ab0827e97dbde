;; Compound values: arrays, records (objects), option boxes, 64-bit boxes and byte objects,
;; plus the trap context that names the stable variable being restored. Layouts are those of
;; `rt_abi.rs`. This file deliberately knows nothing of static types: the code generator
;; passes hashes and lengths, and inlines the fast paths (a record whose hash table is the
;; static type's own is read at a known offset without calling `object_field`).

(data (i32.const 0x1000) "index out of bounds\00")
(data (i32.const 0x1080) "internal error: a record lacks a field of its static type\00")

;; A text object prefixed to every message of `trap_in_context` (0: none).
(global $trap_context (export "rt_trap_context") (mut i32) (i32.const 0))

(func $set_trap_context (export "set_trap_context") (param $text i32)
  (global.set $trap_context (local.get $text)))

;; Traps with the message at (ptr, len), prefixed by the trap context's text when one is set.
(func $trap_in_context (export "trap_in_context") (param $ptr i32) (param $len i32)
  (local $ctx i32)
  (local $n i32)
  (local $buf i32)
  (local.set $ctx (global.get $trap_context))
  (if (i32.eqz (local.get $ctx)) (then (call $trap (local.get $ptr) (local.get $len))))
  (local.set $n (i32.load offset=4 (local.get $ctx)))
  (local.set $buf (call $alloc (i32.add (local.get $n) (local.get $len))))
  (memory.copy (local.get $buf) (i32.add (local.get $ctx) (i32.const 8)) (local.get $n))
  (memory.copy (i32.add (local.get $buf) (local.get $n)) (local.get $ptr) (local.get $len))
  (call $trap (local.get $buf) (i32.add (local.get $n) (local.get $len))))

;; A new array of n elements (all 0). More than 2^28 elements cannot fit a 32-bit heap, and
;; refusing them early keeps the size computation from wrapping.
(func $array_alloc (export "array_alloc") (param $n i32) (result i32)
  (local $a i32)
  (if (i32.gt_u (local.get $n) (i32.const 0x0fffffff)) (then (call $trap_msg (i32.const 0x0400))))
  (local.set $a (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 2)))))
  (i32.store (local.get $a) (i32.const 5))
  (i32.store offset=4 (local.get $a) (local.get $n))
  (local.get $a))

;; The address of element `index` (a Nat value) of array `a`; traps when out of bounds. A
;; bignum index is out of bounds of every array.
(func $array_slot (export "array_slot") (param $a i32) (param $index i32) (result i32)
  (local $i i32)
  (if (i32.eqz (i32.and (local.get $index) (i32.const 1))) (then (call $exec_error_msg (i32.const 0x1000))))
  (local.set $i (i32.shr_s (local.get $index) (i32.const 1)))
  (if (i32.ge_u (local.get $i) (i32.load offset=4 (local.get $a))) (then (call $exec_error_msg (i32.const 0x1000))))
  (i32.add (i32.add (local.get $a) (i32.const 8)) (i32.shl (local.get $i) (i32.const 2))))

;; The address of the field with the given hash of record `r`, found by binary search in the
;; record's sorted hash table.
(func $object_field (export "object_field") (param $r i32) (param $hash i32) (result i32)
  (local $table i32)
  (local $lo i32)
  (local $hi i32)
  (local $mid i32)
  (local $h i32)
  (local.set $table (i32.load offset=8 (local.get $r)))
  (local.set $hi (i32.load offset=4 (local.get $r)))
  (block $missing
    (loop $search
      (br_if $missing (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $h (i32.load (i32.add (local.get $table) (i32.shl (local.get $mid) (i32.const 2)))))
      (if (i32.eq (local.get $h) (local.get $hash))
        (then (return (i32.add (i32.add (local.get $r) (i32.const 12)) (i32.shl (local.get $mid) (i32.const 2))))))
      (if (i32.lt_u (local.get $h) (local.get $hash))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $search)))
  (call $trap_msg (i32.const 0x1080))
  (unreachable))

;; A new record of n fields whose sorted hash table is at `table`; the fields are 0.
(func $object_alloc (export "object_alloc") (param $n i32) (param $table i32) (result i32)
  (local $r i32)
  (local.set $r (call $alloc (i32.add (i32.const 12) (i32.shl (local.get $n) (i32.const 2)))))
  (i32.store (local.get $r) (i32.const 6))
  (i32.store offset=4 (local.get $r) (local.get $n))
  (i32.store offset=8 (local.get $r) (local.get $table))
  (local.get $r))

;; `?v`: a box holding v.
(func $some (export "some") (param $v i32) (result i32)
  (local $b i32)
  (local.set $b (call $alloc (i32.const 8)))
  (i32.store (local.get $b) (i32.const 7))
  (i32.store offset=4 (local.get $b) (local.get $v))
  (local.get $b))

;; A variant value `#tag payload`, the tag given by its hash.
(func $variant (export "variant") (param $hash i32) (param $payload i32) (result i32)
  (local $v i32)
  (local.set $v (call $alloc (i32.const 12)))
  (i32.store (local.get $v) (i32.const 9))
  (i32.store offset=4 (local.get $v) (local.get $hash))
  (i32.store offset=8 (local.get $v) (local.get $payload))
  (local.get $v))

;; A box holding 64 bits (Nat64, Int64 or Float).
(func $box64 (export "box64") (param $bits i64) (result i32)
  (local $b i32)
  (local.set $b (call $alloc (i32.const 12)))
  (i32.store (local.get $b) (i32.const 8))
  (i64.store offset=4 (local.get $b) (local.get $bits))
  (local.get $b))

;; A new byte object `[tag][len][bytes]` holding a copy of (ptr, len).
(func $bytes_new (export "bytes_new") (param $tag i32) (param $ptr i32) (param $len i32) (result i32)
  (local $o i32)
  (local.set $o (call $alloc (i32.add (i32.const 8) (local.get $len))))
  (i32.store (local.get $o) (local.get $tag))
  (i32.store offset=4 (local.get $o) (local.get $len))
  (memory.copy (i32.add (local.get $o) (i32.const 8)) (local.get $ptr) (local.get $len))
  (local.get $o))
