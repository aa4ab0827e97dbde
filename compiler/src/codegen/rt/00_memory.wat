;; The runtime library's memory: the layout of linear memory, the bump allocator, traps and
;; the static trap messages. It deliberately has no garbage collector and no free list:
;; memory is only ever handed out, never reclaimed.
;;
;; Layout of linear memory:
;; - [0x0000, 0x0100): unused, so that address 0 is never a valid object.
;; - [0x0100, 0x0140): scratch bignum views of small integers (see `$view` in 10_bignum.wat).
;; - [0x0400, 0x1000): the runtime's NUL-terminated trap messages (data segments below, one
;;   every 0x80 bytes).
;; - [0x1000, 0x1400): trap messages of the compound-value functions (50_objects.wat).
;; - [0x1400, 0x10000): the runtime library's other static data, each file naming its range;
;;   [0x7e00, 0x8000) is 91_float_text.wat's and 92_float_trig.wat's, [0x8000, 0x10000) holds the character
;;   tables of 62_char_tables.wat.
;; - [0x10000, ...): the code generator's own data segments, then the heap.
;;
;; How the linker must set `rt_heap_ptr`: the first 64 KiB page belongs to the runtime; the
;; code generator places its data segments at 0x10000 or above, then initialises the global
;; `rt_heap_ptr` to the first 4-byte aligned address past its last data segment (0x10000 when
;; it has none), and declares the memory's minimum size large enough to hold its segments.
;; The allocator grows memory on demand from there.

(memory (export "memory") 1)

;; The next free heap address; always 4-byte aligned and never beyond the memory's size.
(global $heap_ptr (export "rt_heap_ptr") (mut i32) (i32.const 0x10000))

(data (i32.const 0x0400) "heap out of memory\00")
(data (i32.const 0x0480) "arithmetic overflow\00")
(data (i32.const 0x0500) "arithmetic overflow\00")
(data (i32.const 0x0580) "arithmetic overflow\00")
(data (i32.const 0x0600) "invalid UTF-8\00")
(data (i32.const 0x0680) "Candid decoding error: unexpected end of input\00")
(data (i32.const 0x0700) "Candid decoding error: LEB128 value out of range\00")
(data (i32.const 0x0780) "Candid encoding error: negative Nat\00")
(data (i32.const 0x0800) "Candid decoding error: missing DIDL magic\00")
(data (i32.const 0x0880) "Candid decoding error: invalid type opcode\00")
(data (i32.const 0x0900) "Candid decoding error: type index out of range\00")
(data (i32.const 0x0980) "Candid decoding error: field ids not in ascending order\00")
(data (i32.const 0x0a00) "Candid decoding error: count exceeds input length\00")
(data (i32.const 0x0a80) "Candid decoding error: value of type empty\00")
(data (i32.const 0x0b00) "Candid decoding error: invalid opt tag\00")
(data (i32.const 0x0b80) "Candid decoding error: opaque reference\00")
(data (i32.const 0x0c00) "Candid decoding error: variant index out of range\00")
(data (i32.const 0x0c80) "Candid decoding error: type has no finite values\00")
(data (i32.const 0x0d00) "Candid decoding error: not a record, variant, opt or vec type\00")
(data (i32.const 0x0d80) "Candid decoding error: argument index out of range\00")
(data (i32.const 0x0e00) "Candid decoding error: field index out of range\00")
(data (i32.const 0x0e80) "Candid decoding error: invalid bool\00")

;; Traps with the UTF-8 message at (ptr, len). `ic0.trap` does not return; the `unreachable`
;; keeps validation happy and guards against a host that returns anyway.
(func $trap (export "trap") (param $ptr i32) (param $len i32)
  (call $ic0_trap (local.get $ptr) (local.get $len))
  (unreachable))

;; The location of the operation that may trap next: the address of a text object such as
;; `file.mo:8.5-8.16`, or 0 when unknown. Generated code sets it right before an operation
;; that a `Located` node wraps; it is exported like every mutable global so that a rolled
;; back message restores it.
(global $trap_loc (export "rt_trap_loc") (mut i32) (i32.const 0))

(data (i32.const 0x0f00) ": execution error, ")

;; An execution error in moc's form: `<location>: execution error, <what>` when the location
;; is known, else just `<what>`, with `<what>` at (ptr, len).
(func $exec_error (export "exec_error") (param $ptr i32) (param $len i32)
  (local $loc i32)
  (local $n i32)
  (local $buf i32)
  (local.set $loc (global.get $trap_loc))
  (if (i32.eqz (local.get $loc)) (then (call $trap (local.get $ptr) (local.get $len))))
  (local.set $n (i32.load offset=4 (local.get $loc)))
  (local.set $buf (call $alloc (i32.add (i32.add (local.get $n) (i32.const 19)) (local.get $len))))
  (memory.copy (local.get $buf) (i32.add (local.get $loc) (i32.const 8)) (local.get $n))
  (memory.copy (i32.add (local.get $buf) (local.get $n)) (i32.const 0x0f00) (i32.const 19))
  (memory.copy (i32.add (i32.add (local.get $buf) (local.get $n)) (i32.const 19))
               (local.get $ptr) (local.get $len))
  (call $trap (local.get $buf) (i32.add (i32.add (local.get $n) (i32.const 19)) (local.get $len))))

;; An execution error with the NUL-terminated static message at `msg`.
(func $exec_error_msg (param $msg i32)
  (call $exec_error (local.get $msg) (call $cstr_len (local.get $msg))))

(func $cstr_len (param $msg i32) (result i32)
  (local $end i32)
  (local.set $end (local.get $msg))
  (block $done
    (loop $scan
      (br_if $done (i32.eqz (i32.load8_u (local.get $end))))
      (local.set $end (i32.add (local.get $end) (i32.const 1)))
      (br $scan)))
  (i32.sub (local.get $end) (local.get $msg)))

;; Traps with the NUL-terminated static message at `msg`.
(func $trap_msg (param $msg i32)
  (local $end i32)
  (local.set $end (local.get $msg))
  (block $done
    (loop $scan
      (br_if $done (i32.eqz (i32.load8_u (local.get $end))))
      (local.set $end (i32.add (local.get $end) (i32.const 1)))
      (br $scan)))
  (call $trap (local.get $msg) (i32.sub (local.get $end) (local.get $msg))))

;; Allocates `n` zeroed bytes, 4-byte aligned. The end address is computed in 64 bits so a
;; huge request can never wrap around; growing memory beyond 4 GiB traps cleanly.
(func $alloc (export "alloc") (param $n i32) (result i32)
  (local $p i32)
  (local $end i64)
  (local $size i64)
  (local.set $p (global.get $heap_ptr))
  (local.set $end
    (i64.and
      (i64.add (i64.add (i64.extend_i32_u (local.get $p)) (i64.extend_i32_u (local.get $n)))
               (i64.const 3))
      (i64.const -4)))
  ;; The heap pointer must stay representable as an i32, so 4 GiB itself is out of reach.
  (if (i64.gt_u (local.get $end) (i64.const 0xfffffffc))
    (then (call $trap_msg (i32.const 0x0400))))
  (local.set $size (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
  (if (i64.gt_u (local.get $end) (local.get $size))
    (then
      (if (i32.eq
            (memory.grow
              (i32.wrap_i64
                (i64.shr_u (i64.add (i64.sub (local.get $end) (local.get $size)) (i64.const 0xffff))
                           (i64.const 16))))
            (i32.const -1))
        (then (call $trap_msg (i32.const 0x0400))))))
  (global.set $heap_ptr (i32.wrap_i64 (local.get $end)))
  ;; Fresh memory is zero already, but a heap image restored by the host may not be, so the
  ;; allocator zeroes what it hands out.
  (memory.fill (local.get $p) (i32.const 0) (local.get $n))
  (local.get $p))
