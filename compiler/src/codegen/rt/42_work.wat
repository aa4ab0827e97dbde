;; The work stack: the pending steps of writing, reading and skipping Candid values whose
;; types are recursive, kept in the heap so that a value's depth (a list of 100,000 elements
;; is 100,000 deep) never reaches the Wasm stack, which is small on the Internet Computer
;; too. An item is four words; this file stores them and does not know what they mean: the
;; generated drivers (`candid_work.rs`) and `candid_skip` (41_candid_skip.wat) do.
;;
;; The buffer grows by doubling into a new allocation (the old one is abandoned, as there is
;; no collector) and is kept for the next message, so its size is that of the deepest value
;; seen. `work_begin`/`work_end` mark the one helper call that drains the stack (with
;; `work_next`): helpers called while a driver runs only push.

(global $wk_buf (export "rt_work_buf") (mut i32) (i32.const 0))
;; Bytes in use and bytes allocated.
(global $wk_len (export "rt_work_len") (mut i32) (i32.const 0))
(global $wk_cap (export "rt_work_cap") (mut i32) (i32.const 0))
;; 1 while a driver drains the stack.
(global $wk_driving (export "rt_work_driving") (mut i32) (i32.const 0))

;; -1 while a driver runs; otherwise the caller becomes the driver and gets the stack's
;; height, to drain it down to.
(func $work_begin (export "work_begin") (result i32)
  (if (global.get $wk_driving) (then (return (i32.const -1))))
  (global.set $wk_driving (i32.const 1))
  (global.get $wk_len))

(func $work_end (export "work_end")
  (global.set $wk_driving (i32.const 0)))

(func $work_mark (export "work_mark") (result i32)
  (global.get $wk_len))

(func $work_grow
  (local $cap i64)
  (local $p i32)
  (local.set $cap (i64.shl (i64.extend_i32_u (global.get $wk_cap)) (i64.const 1)))
  (if (i64.lt_u (local.get $cap) (i64.const 256)) (then (local.set $cap (i64.const 256))))
  (if (i64.gt_u (local.get $cap) (i64.const 0x40000000)) (then (call $trap_msg (i32.const 0x0400))))
  (local.set $p (call $alloc (i32.wrap_i64 (local.get $cap))))
  (memory.copy (local.get $p) (global.get $wk_buf) (global.get $wk_len))
  (global.set $wk_buf (local.get $p))
  (global.set $wk_cap (i32.wrap_i64 (local.get $cap))))

(func $work_push (export "work_push") (param $a i32) (param $b i32) (param $c i32) (param $d i32)
  (local $p i32)
  (if (i32.ge_u (global.get $wk_len) (global.get $wk_cap)) (then (call $work_grow)))
  (local.set $p (i32.add (global.get $wk_buf) (global.get $wk_len)))
  (i32.store (local.get $p) (local.get $a))
  (i32.store offset=4 (local.get $p) (local.get $b))
  (i32.store offset=8 (local.get $p) (local.get $c))
  (i32.store offset=12 (local.get $p) (local.get $d))
  (global.set $wk_len (i32.add (global.get $wk_len) (i32.const 16))))

;; Removes the top item and returns its address, valid until the next push. The caller has
;; checked that the stack is above its mark.
(func $work_pop (result i32)
  (global.set $wk_len (i32.sub (global.get $wk_len) (i32.const 16)))
  (i32.add (global.get $wk_buf) (global.get $wk_len)))

;; The driver's step: 0 when the stack is back at its mark, else the popped item's address.
(func $work_next (export "work_next") (param $mark i32) (result i32)
  (if (i32.le_u (global.get $wk_len) (local.get $mark)) (then (return (i32.const 0))))
  (call $work_pop))

;; The address of the top item, which stays on the stack.
(func $work_top (result i32)
  (i32.add (global.get $wk_buf) (i32.sub (global.get $wk_len) (i32.const 16))))

;; Reverses the items pushed since `mark`: steps are pushed in the order they must run, and
;; the stack pops the last first. Nothing pushed since `mark` (a record whose only deferred
;; field is missing) returns at once: the stack may not even have a buffer yet, and the
;; address of its "last item" would wrap below zero.
(func $work_reverse (export "work_reverse") (param $mark i32)
  (local $i i32)
  (local $j i32)
  (local $a i64)
  (local $b i64)
  (if (i32.le_u (global.get $wk_len) (local.get $mark)) (then (return)))
  (local.set $i (i32.add (global.get $wk_buf) (local.get $mark)))
  (local.set $j (i32.sub (i32.add (global.get $wk_buf) (global.get $wk_len)) (i32.const 16)))
  (block $done
    (loop $swap
      (br_if $done (i32.ge_u (local.get $i) (local.get $j)))
      (local.set $a (i64.load (local.get $i)))
      (local.set $b (i64.load offset=8 (local.get $i)))
      (i64.store (local.get $i) (i64.load (local.get $j)))
      (i64.store offset=8 (local.get $i) (i64.load offset=8 (local.get $j)))
      (i64.store (local.get $j) (local.get $a))
      (i64.store offset=8 (local.get $j) (local.get $b))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (local.set $j (i32.sub (local.get $j) (i32.const 16)))
      (br $swap))))
