;; Identity of mutable objects in the stable format (version 2): a `[var T]` array or a record
;; with `var` fields is written once, and every later occurrence refers back to it by index,
;; so that aliases stay aliases and cycles (which always pass through a mutable object) are
;; written finitely. Before each such value comes a marker, LEB128: 0 for a first occurrence
;; (its contents follow and it takes the next index), or 1 + index for the same object as an
;; earlier one.
;;
;; The writer numbers objects by overwriting their tag word with `0x80000000 | index`: the
;; heap is discarded after `canister_pre_upgrade` (and rolled back if it traps), and nothing
;; that encoding does reads the tag of an array or a record (element and field reads use the
;; length word, the hash table and the values). The reader keeps a table index -> object in
;; the heap, growing by doubling; each object is registered as soon as it is allocated, before
;; its contents are read, so that a cycle can refer back to it. Skipping registers 0 for an
;; object it passes over: a later reference to it cannot be restored and traps. This file
;; does not decide where markers go (the generated helpers and `candid_skip` do).
;;
;; Static data: [0x4000, 0x4200).

(data (i32.const 0x4000) "the stored value refers to an object that was not stored before it\00")
(data (i32.const 0x4080) "the stored value refers to an object that is stored only in a variable the program no longer declares\00")
(data (i32.const 0x4100) "the stored value refers to a shared object of another kind\00")
(data (i32.const 0x4180) "the stored value refers to a shared record whose fields do not cover the expected type\00")

;; The writer's next index.
(global $al_next (export "rt_alias_next") (mut i32) (i32.const 0))
;; The reader's table: address, entries in use, entries allocated.
(global $al_buf (export "rt_alias_buf") (mut i32) (i32.const 0))
(global $al_len (export "rt_alias_len") (mut i32) (i32.const 0))
(global $al_cap (export "rt_alias_cap") (mut i32) (i32.const 0))

(func $alias_reset (export "alias_reset")
  (global.set $al_next (i32.const 0))
  (global.set $al_len (i32.const 0)))

;; Writes the marker of the mutable object `obj`; 1 when its contents must follow (a first
;; occurrence, now numbered), 0 when the marker referred back to it.
(func $write_alias (export "write_alias") (param $obj i32) (result i32)
  (local $tag i32)
  (local.set $tag (i32.load (local.get $obj)))
  (if (i32.lt_s (local.get $tag) (i32.const 0))
    (then
      (call $write_leb_u32 (i32.add (i32.and (local.get $tag) (i32.const 0x7fffffff)) (i32.const 1)))
      (return (i32.const 0))))
  (call $write_byte (i32.const 0))
  (i32.store (local.get $obj) (i32.or (global.get $al_next) (i32.const 0x80000000)))
  (global.set $al_next (i32.add (global.get $al_next) (i32.const 1)))
  (i32.const 1))

;; Registers the next object read (0 for one that is skipped).
(func $alias_add (export "alias_add") (param $obj i32)
  (local $cap i64)
  (local $p i32)
  (if (i32.ge_u (global.get $al_len) (global.get $al_cap))
    (then
      (local.set $cap (i64.shl (i64.extend_i32_u (global.get $al_cap)) (i64.const 1)))
      (if (i64.lt_u (local.get $cap) (i64.const 64)) (then (local.set $cap (i64.const 64))))
      (if (i64.gt_u (local.get $cap) (i64.const 0x10000000)) (then (call $trap_msg (i32.const 0x0400))))
      (local.set $p (call $alloc (i32.shl (i32.wrap_i64 (local.get $cap)) (i32.const 2))))
      (memory.copy (local.get $p) (global.get $al_buf) (i32.shl (global.get $al_len) (i32.const 2)))
      (global.set $al_buf (local.get $p))
      (global.set $al_cap (i32.wrap_i64 (local.get $cap)))))
  (i32.store (i32.add (global.get $al_buf) (i32.shl (global.get $al_len) (i32.const 2))) (local.get $obj))
  (global.set $al_len (i32.add (global.get $al_len) (i32.const 1))))

;; Traps unless the marker m (at least 1) refers to an object already read or skipped.
(func $alias_check (export "alias_check") (param $m i32)
  (if (i32.gt_u (local.get $m) (global.get $al_len)) (then (call $alias_fail (i32.const 0x4000)))))

;; The object that marker m (at least 1) refers to, which must have the tag `tag`; a record
;; must also have every field hash of the expected type's table (`n` hashes at `table`),
;; since the object was read at the type of its first occurrence.
(func $alias_get (export "alias_get") (param $m i32) (param $tag i32) (param $table i32) (param $n i32) (result i32)
  (local $obj i32)
  (local $i i32)
  (call $alias_check (local.get $m))
  (local.set $obj (i32.load (i32.add (global.get $al_buf) (i32.shl (i32.sub (local.get $m) (i32.const 1)) (i32.const 2)))))
  (if (i32.eqz (local.get $obj)) (then (call $alias_fail (i32.const 0x4080))))
  (if (i32.ne (i32.load (local.get $obj)) (local.get $tag)) (then (call $alias_fail (i32.const 0x4100))))
  (if (i32.and (i32.eq (local.get $tag) (i32.const 6))
               (i32.ne (i32.load offset=8 (local.get $obj)) (local.get $table)))
    (then
      (block $done
        (loop $field
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (if (i32.eqz (call $alias_has_field (local.get $obj)
                          (i32.load (i32.add (local.get $table) (i32.shl (local.get $i) (i32.const 2))))))
            (then (call $alias_fail (i32.const 0x4180))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $field)))))
  (local.get $obj))

;; Whether the record has a field with this hash (its table is sorted).
(func $alias_has_field (param $r i32) (param $hash i32) (result i32)
  (local $table i32)
  (local $n i32)
  (local $i i32)
  (local.set $table (i32.load offset=8 (local.get $r)))
  (local.set $n (i32.load offset=4 (local.get $r)))
  (block $missing
    (loop $scan
      (br_if $missing (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.eq (i32.load (i32.add (local.get $table) (i32.shl (local.get $i) (i32.const 2)))) (local.get $hash))
        (then (return (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (i32.const 0))

;; Traps with the NUL-terminated message at `msg`, after the variable's context.
(func $alias_fail (param $msg i32)
  (local $end i32)
  (local.set $end (local.get $msg))
  (block $done
    (loop $scan
      (br_if $done (i32.eqz (i32.load8_u (local.get $end))))
      (local.set $end (i32.add (local.get $end) (i32.const 1)))
      (br $scan)))
  (call $trap_in_context (local.get $msg) (i32.sub (local.get $end) (local.get $msg))))
