;; Skipping one Candid value of any wire type at the reader: primitives, records, variants,
;; opt, vec, and principal, func and service references. Skipping validates what it passes
;; over (tags, indices, UTF-8) but builds nothing (a mutable object of the stable format is
;; still numbered, 43_alias.wat), and it never recurses on the Wasm stack:
;; what a value contains waits on the work stack (42_work.wat).

;; Size in bytes of a fixed-size primitive type, or -1 when the size depends on the value.
(func $prim_size (param $t i32) (result i32)
  (if (i32.or (i32.eq (local.get $t) (i32.const -1)) (i32.eq (local.get $t) (i32.const -16))) (then (return (i32.const 0))))
  (if (i32.or (i32.eq (local.get $t) (i32.const -5)) (i32.eq (local.get $t) (i32.const -9))) (then (return (i32.const 1))))
  (if (i32.or (i32.eq (local.get $t) (i32.const -6)) (i32.eq (local.get $t) (i32.const -10))) (then (return (i32.const 2))))
  (if (i32.or (i32.or (i32.eq (local.get $t) (i32.const -7)) (i32.eq (local.get $t) (i32.const -11)))
              (i32.eq (local.get $t) (i32.const -13))) (then (return (i32.const 4))))
  (if (i32.or (i32.or (i32.eq (local.get $t) (i32.const -8)) (i32.eq (local.get $t) (i32.const -12)))
              (i32.eq (local.get $t) (i32.const -14))) (then (return (i32.const 8))))
  (i32.const -1))

;; A reference value starts with 1 (a public id); 0 would be an opaque reference, which a
;; message cannot carry.
(func $skip_ref_tag
  (if (i32.ne (call $read_byte) (i32.const 1)) (then (call $trap_msg (i32.const 0x0b80)))))

(func $skip_text
  (local $n i32)
  (local.set $n (call $read_leb_u32))
  (if (i32.eqz (call $utf8_valid (call $read_bytes (local.get $n)) (local.get $n)))
    (then (call $trap_msg (i32.const 0x0600)))))

(func $skip_prim (param $t i32)
  (local $size i32)
  (local.set $size (call $prim_size (local.get $t)))
  (if (i32.ge_s (local.get $size) (i32.const 0))
    (then (drop (call $read_bytes (local.get $size))) (return)))
  (if (i32.eq (local.get $t) (i32.const -2))
    (then
      (if (i32.gt_u (call $read_byte) (i32.const 1)) (then (call $trap_msg (i32.const 0x0e80))))
      (return)))
  (if (i32.or (i32.eq (local.get $t) (i32.const -3)) (i32.eq (local.get $t) (i32.const -4)))
    (then (drop (call $skip_leb)) (return)))
  (if (i32.eq (local.get $t) (i32.const -15)) (then (call $skip_text) (return)))
  (if (i32.eq (local.get $t) (i32.const -24))
    (then
      (call $skip_ref_tag)
      (drop (call $read_bytes (call $read_leb_u32)))
      (return)))
  (call $trap_msg (i32.const 0x0a80)))

;; Skips one value of type t and everything it contains. The values still to skip wait on
;; the work stack (42_work.wat) as items (type, stall_ptr, stall, count), so that the depth of
;; the value never reaches the Wasm stack: a stored list of 100,000 elements that a new program
;; no longer declares is skipped in constant Wasm stack.
(func $skip_all (param $t i32)
  (local $mark i32)
  (if (i32.lt_s (local.get $t) (i32.const 0)) (then (call $skip_prim (local.get $t)) (return)))
  (local.set $mark (call $work_mark))
  (call $work_push (local.get $t) (i32.const -1) (i32.const 0) (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.le_u (call $work_mark) (local.get $mark)))
      (call $skip_next)
      (br $next))))

;; Takes one value off the top item (a count of n identical values stays with n - 1) and skips
;; it, pushing what it contains. (stall_ptr, stall) count how many composite types have been
;; entered, along this path, without the reader moving: more than there are table entries
;; means a type repeats without consuming input, i.e. it has no finite values.
(func $skip_next
  (local $p i32)
  (local $t i32)
  (local $stall_ptr i32)
  (local $stall i32)
  (local $count i32)
  (local $op i32)
  (local $k i32)
  (local $n i32)
  (local $elem i32)
  (local $size i32)
  (local $tag i32)
  (local $mark i32)
  (local $info i32)
  (local.set $p (call $work_top))
  (local.set $t (i32.load (local.get $p)))
  (local.set $stall_ptr (i32.load offset=4 (local.get $p)))
  (local.set $stall (i32.load offset=8 (local.get $p)))
  (local.set $count (i32.load offset=12 (local.get $p)))
  (if (i32.gt_u (local.get $count) (i32.const 1))
    (then (i32.store offset=12 (local.get $p) (i32.sub (local.get $count) (i32.const 1))))
    (else (drop (call $work_pop))))
  (if (i32.lt_s (local.get $t) (i32.const 0)) (then (call $skip_prim (local.get $t)) (return)))
  (if (i32.eq (global.get $rd_ptr) (local.get $stall_ptr))
    (then
      (local.set $stall (i32.add (local.get $stall) (i32.const 1)))
      (if (i32.gt_u (local.get $stall) (global.get $cd_ntypes)) (then (call $trap_msg (i32.const 0x0c80)))))
    (else
      (local.set $stall_ptr (global.get $rd_ptr))
      (local.set $stall (i32.const 0))))
  (local.set $info (call $entry_info (local.get $t)))
  (local.set $op (i32.load (local.get $info)))
  (local.set $k (i32.load offset=4 (local.get $info)))
  ;; opt
  (if (i32.eq (local.get $op) (i32.const -18))
    (then
      (local.set $elem (i32.load offset=12 (local.get $info)))
      (local.set $tag (call $read_byte))
      (if (i32.eq (local.get $tag) (i32.const 1))
        (then
          (call $work_push (local.get $elem) (local.get $stall_ptr) (local.get $stall) (i32.const 1))
          (return)))
      (if (local.get $tag) (then (call $trap_msg (i32.const 0x0b00))))
      (return)))
  ;; var (stable format): the marker; a first occurrence is registered as skipped and its
  ;; contents follow, a reference back only has to be in range.
  (if (i32.eq (local.get $op) (i32.const -64))
    (then
      (local.set $n (call $read_leb_u32))
      (if (local.get $n) (then (call $alias_check (local.get $n)) (return)))
      (call $alias_add (i32.const 0))
      (call $work_push (i32.load offset=12 (local.get $info)) (local.get $stall_ptr) (local.get $stall) (i32.const 1))
      (return)))
  ;; vec: fixed-size elements are skipped in one step (blobs, vectors of null), others wait
  ;; as one item with a count.
  (if (i32.eq (local.get $op) (i32.const -19))
    (then
      (local.set $elem (i32.load offset=12 (local.get $info)))
      (local.set $n (call $read_leb_u32))
      (local.set $size (select (call $prim_size (local.get $elem)) (i32.const -1)
                               (i32.lt_s (local.get $elem) (i32.const 0))))
      (if (i32.ge_s (local.get $size) (i32.const 0))
        (then
          (if (i64.gt_u (i64.mul (i64.extend_i32_u (local.get $n)) (i64.extend_i32_u (local.get $size)))
                        (i64.extend_i32_u (call $reader_remaining)))
            (then (call $trap_msg (i32.const 0x0680))))
          (drop (call $read_bytes (i32.mul (local.get $n) (local.get $size))))
          (return)))
      (if (local.get $n)
        (then (call $work_push (local.get $elem) (local.get $stall_ptr) (local.get $stall) (local.get $n))))
      (return)))
  ;; record: every field, in order (pushed in order, then reversed to pop first-first).
  (if (i32.eq (local.get $op) (i32.const -20))
    (then
      (local.set $mark (call $work_mark))
      (block $done
        (loop $field
          (br_if $done (i32.ge_u (local.get $n) (local.get $k)))
          (call $work_push (i32.load offset=12 (i32.add (local.get $info) (i32.shl (local.get $n) (i32.const 3))))
                           (local.get $stall_ptr) (local.get $stall) (i32.const 1))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $field)))
      (call $work_reverse (local.get $mark))
      (return)))
  ;; variant: the index of the alternative, then its value.
  (if (i32.eq (local.get $op) (i32.const -21))
    (then
      (local.set $n (call $read_leb_u32))
      (if (i32.ge_u (local.get $n) (local.get $k)) (then (call $trap_msg (i32.const 0x0c00))))
      (call $work_push (i32.load offset=12 (i32.add (local.get $info) (i32.shl (local.get $n) (i32.const 3))))
                       (local.get $stall_ptr) (local.get $stall) (i32.const 1))
      (return)))
  ;; func: a service reference, then the method name.
  (if (i32.eq (local.get $op) (i32.const -22))
    (then
      (call $skip_ref_tag)
      (call $skip_ref_tag)
      (drop (call $read_bytes (call $read_leb_u32)))
      (call $skip_text)
      (return)))
  ;; service: a principal.
  (call $skip_ref_tag)
  (drop (call $read_bytes (call $read_leb_u32))))
