;; Candid messages: the header (magic, type table, argument types) and skipping values of any
;; wire type. `candid_begin` validates the whole type table once (opcodes, type indices,
;; ascending field ids) and unpacks every entry into a fixed-width form,
;; `[opcode][count][id 0][type 0][id 1][type 1]...`, so that the accessors and `candid_skip`
;; find any field in constant time: decoding a list of 100,000 elements asks for the same few
;; fields 100,000 times. Decoding typed values is the generated code's job, not this file's:
;; it asks for opcodes and fields and calls the reader itself. The same functions serve the
;; stable-memory format, which is a Candid-like message.
;;
;; The record accessors also serve variants (same layout), and for opt and vec entries they
;; present one field, number 0, whose type is the element type.
;;
;; The stable format (version 2) adds one opcode outside Candid's range, `var` (-64), whose
;; entry names one vec or record entry: a value of that type is a marker of identity
;; (43_alias.wat) before the contents. It is accepted only while `candid_allow_var` is set,
;; so a Candid message from outside never carries it; like opt and vec it presents one
;; field, number 0, the type it wraps.

;; The unpacked form of each type table entry (an array of addresses in the heap) and how many
;; there are.
(global $cd_types (export "rt_candid_types") (mut i32) (i32.const 0))
(global $cd_ntypes (export "rt_candid_ntypes") (mut i32) (i32.const 0))
;; The argument types (an array of wire types in the heap) and how many there are.
(global $cd_args (export "rt_candid_args") (mut i32) (i32.const 0))
(global $cd_nargs (export "rt_candid_nargs") (mut i32) (i32.const 0))
;; The cursor over an already validated type table entry, while it is unpacked.
(global $cur (export "rt_candid_cursor") (mut i32) (i32.const 0))
;; 1 while the stable format is read: the `var` opcode is accepted.
(global $cd_allow_var (export "rt_candid_allow_var") (mut i32) (i32.const 0))

(func $candid_allow_var (export "candid_allow_var") (param $on i32)
  (global.set $cd_allow_var (local.get $on)))

;; Unsigned and signed LEB128 at the cursor, without bounds checks (validated data only).
(func $cur_leb (result i32)
  (local $b i32)
  (local $shift i32)
  (local $v i32)
  (loop $next
    (local.set $b (i32.load8_u (global.get $cur)))
    (global.set $cur (i32.add (global.get $cur) (i32.const 1)))
    (local.set $v (i32.or (local.get $v) (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
    (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  (local.get $v))

(func $cur_sleb (result i32)
  (local $b i32)
  (local $shift i32)
  (local $v i32)
  (loop $next
    (local.set $b (i32.load8_u (global.get $cur)))
    (global.set $cur (i32.add (global.get $cur) (i32.const 1)))
    (local.set $v (i32.or (local.get $v) (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
    (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  (if (i32.and (i32.lt_u (local.get $shift) (i32.const 32)) (i32.ne (i32.and (local.get $b) (i32.const 0x40)) (i32.const 0)))
    (then (local.set $v (i32.or (local.get $v) (i32.shl (i32.const -1) (local.get $shift))))))
  (local.get $v))

;; Traps unless t is a valid wire type: a primitive opcode or an index into the table.
(func $check_type (param $t i32)
  (if (i32.ge_s (local.get $t) (i32.const 0))
    (then
      (if (i32.ge_u (local.get $t) (global.get $cd_ntypes)) (then (call $trap_msg (i32.const 0x0900))))
      (return)))
  (if (i32.eqz (i32.or (i32.ge_s (local.get $t) (i32.const -17)) (i32.eq (local.get $t) (i32.const -24))))
    (then (call $trap_msg (i32.const 0x0880)))))

(func $read_type_ref (result i32)
  (local $t i32)
  (local.set $t (call $read_sleb_i32))
  (call $check_type (local.get $t))
  (local.get $t))

;; A count of items that each take at least one byte cannot exceed the bytes left.
(func $read_count (result i32)
  (local $n i32)
  (local.set $n (call $read_leb_u32))
  (if (i32.gt_u (local.get $n) (call $reader_remaining)) (then (call $trap_msg (i32.const 0x0a00))))
  (local.get $n))

;; Reads and validates one type table entry at the reader.
(func $read_type_entry
  (local $op i32)
  (local $k i32)
  (local $j i32)
  (local $id i32)
  (local $prev i32)
  (local $len i32)
  (local.set $op (call $read_sleb_i32))
  ;; opt and vec: one element type.
  (if (i32.or (i32.eq (local.get $op) (i32.const -18)) (i32.eq (local.get $op) (i32.const -19)))
    (then (drop (call $read_type_ref)) (return)))
  ;; var (stable format only): a table entry, checked to be a vec or record once all are read.
  (if (i32.and (i32.eq (local.get $op) (i32.const -64)) (global.get $cd_allow_var))
    (then
      (if (i32.lt_s (call $read_type_ref) (i32.const 0)) (then (call $trap_msg (i32.const 0x0880))))
      (return)))
  ;; record and variant: fields with strictly ascending ids.
  (if (i32.or (i32.eq (local.get $op) (i32.const -20)) (i32.eq (local.get $op) (i32.const -21)))
    (then
      (local.set $k (call $read_count))
      (block $done
        (loop $field
          (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
          (local.set $id (call $read_leb_u32))
          (if (i32.and (i32.ne (local.get $j) (i32.const 0)) (i32.le_u (local.get $id) (local.get $prev)))
            (then (call $trap_msg (i32.const 0x0980))))
          (local.set $prev (local.get $id))
          (drop (call $read_type_ref))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $field)))
      (return)))
  ;; func: argument types, result types, annotation bytes.
  (if (i32.eq (local.get $op) (i32.const -22))
    (then
      (local.set $k (call $read_count))
      (block $args_done (loop $arg
        (br_if $args_done (i32.eqz (local.get $k)))
        (drop (call $read_type_ref))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $arg)))
      (local.set $k (call $read_count))
      (block $results_done (loop $result
        (br_if $results_done (i32.eqz (local.get $k)))
        (drop (call $read_type_ref))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $result)))
      (drop (call $read_bytes (call $read_count)))
      (return)))
  ;; service: methods, each a name and a type.
  (if (i32.eq (local.get $op) (i32.const -23))
    (then
      (local.set $k (call $read_count))
      (block $methods_done (loop $method
        (br_if $methods_done (i32.eqz (local.get $k)))
        (local.set $len (call $read_leb_u32))
        (if (i32.eqz (call $utf8_valid (call $read_bytes (local.get $len)) (local.get $len)))
          (then (call $trap_msg (i32.const 0x0600))))
        (drop (call $read_type_ref))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $method)))
      (return)))
  (call $trap_msg (i32.const 0x0880)))

(func $candid_begin (export "candid_begin") (result i32)
  (local $n i32)
  (local $i i32)
  (local $slot i32)
  ;; "DIDL" read as a little-endian u32.
  (if (i32.ne (call $read_u32_le) (i32.const 0x4c444944)) (then (call $trap_msg (i32.const 0x0800))))
  (local.set $n (call $read_count))
  (global.set $cd_ntypes (local.get $n))
  (global.set $cd_types (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (block $done
    (loop $entry
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (global.get $cd_types) (i32.shl (local.get $i) (i32.const 2))) (global.get $rd_ptr))
      (call $read_type_entry)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entry)))
  ;; Every entry is valid (and may refer to later ones), so each can now be unpacked.
  (local.set $i (i32.const 0))
  (block $unpacked
    (loop $unpack
      (br_if $unpacked (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $slot (i32.add (global.get $cd_types) (i32.shl (local.get $i) (i32.const 2))))
      (i32.store (local.get $slot) (call $unpack_entry (i32.load (local.get $slot))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $unpack)))
  ;; A var entry wraps a vec or a record, never another var or a primitive.
  (local.set $i (i32.const 0))
  (block $checked
    (loop $check
      (br_if $checked (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $slot (i32.load (i32.add (global.get $cd_types) (i32.shl (local.get $i) (i32.const 2)))))
      (if (i32.eq (i32.load (local.get $slot)) (i32.const -64))
        (then
          (local.set $slot (i32.load (i32.add (global.get $cd_types)
                                              (i32.shl (i32.load offset=12 (local.get $slot)) (i32.const 2)))))
          (if (i32.eqz (i32.or (i32.eq (i32.load (local.get $slot)) (i32.const -19))
                               (i32.eq (i32.load (local.get $slot)) (i32.const -20))))
            (then (call $trap_msg (i32.const 0x0880))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $check)))
  (local.set $n (call $read_count))
  (global.set $cd_nargs (local.get $n))
  (global.set $cd_args (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (local.set $i (i32.const 0))
  (block $args_done
    (loop $arg
      (br_if $args_done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (global.get $cd_args) (i32.shl (local.get $i) (i32.const 2))) (call $read_type_ref))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $arg)))
  (local.get $n))

(func $candid_arg_type (export "candid_arg_type") (param $i i32) (result i32)
  (if (i32.ge_u (local.get $i) (global.get $cd_nargs)) (then (call $trap_msg (i32.const 0x0d80))))
  (i32.load (i32.add (global.get $cd_args) (i32.shl (local.get $i) (i32.const 2)))))

;; The unpacked form of a validated entry at address p: records and variants keep their fields,
;; opt and vec become one field numbered 0, func and service keep only the opcode.
(func $unpack_entry (param $p i32) (result i32)
  (local $op i32)
  (local $k i32)
  (local $j i32)
  (local $info i32)
  (local $field i32)
  (global.set $cur (local.get $p))
  (local.set $op (call $cur_sleb))
  (if (call $is_fielded (local.get $op))
    (then (local.set $k (call $cur_leb))))
  (if (call $is_container (local.get $op))
    (then (local.set $k (i32.const 1))))
  (local.set $info (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $k) (i32.const 3)))))
  (i32.store (local.get $info) (local.get $op))
  (i32.store offset=4 (local.get $info) (local.get $k))
  (if (call $is_container (local.get $op))
    (then
      (i32.store offset=12 (local.get $info) (call $cur_sleb))
      (return (local.get $info))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
      (local.set $field (i32.add (local.get $info) (i32.add (i32.const 8) (i32.shl (local.get $j) (i32.const 3)))))
      (i32.store (local.get $field) (call $cur_leb))
      (i32.store offset=4 (local.get $field) (call $cur_sleb))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  (local.get $info))

;; The unpacked form of entry t.
(func $entry_info (param $t i32) (result i32)
  (call $check_type (local.get $t))
  (i32.load (i32.add (global.get $cd_types) (i32.shl (local.get $t) (i32.const 2)))))

(func $candid_type_opcode (export "candid_type_opcode") (param $t i32) (result i32)
  (if (i32.lt_s (local.get $t) (i32.const 0)) (then (return (local.get $t))))
  (i32.load (call $entry_info (local.get $t))))

(func $is_fielded (param $op i32) (result i32)
  (i32.or (i32.eq (local.get $op) (i32.const -20)) (i32.eq (local.get $op) (i32.const -21))))

(func $is_container (param $op i32) (result i32)
  (i32.or (i32.or (i32.eq (local.get $op) (i32.const -18)) (i32.eq (local.get $op) (i32.const -19)))
          (i32.eq (local.get $op) (i32.const -64))))

;; The unpacked form of entry t, trapping unless it is a record, variant, opt or vec.
(func $fields_info (export "candid_fields") (param $t i32) (result i32)
  (local $info i32)
  (local $op i32)
  (if (i32.lt_s (local.get $t) (i32.const 0)) (then (call $trap_msg (i32.const 0x0d00))))
  (local.set $info (call $entry_info (local.get $t)))
  (local.set $op (i32.load (local.get $info)))
  (if (i32.eqz (i32.or (call $is_fielded (local.get $op)) (call $is_container (local.get $op))))
    (then (call $trap_msg (i32.const 0x0d00))))
  (local.get $info))

(func $candid_record_len (export "candid_record_len") (param $t i32) (result i32)
  (i32.load offset=4 (call $fields_info (local.get $t))))

;; The address of field i's (id, type) pair in entry t.
(func $field_at (param $t i32) (param $i i32) (result i32)
  (local $info i32)
  (local.set $info (call $fields_info (local.get $t)))
  (if (i32.ge_u (local.get $i) (i32.load offset=4 (local.get $info))) (then (call $trap_msg (i32.const 0x0e00))))
  (i32.add (local.get $info) (i32.add (i32.const 8) (i32.shl (local.get $i) (i32.const 3)))))

(func $candid_record_field_id (export "candid_record_field_id") (param $t i32) (param $i i32) (result i32)
  (i32.load (call $field_at (local.get $t) (local.get $i))))

(func $candid_record_field_type (export "candid_record_field_type") (param $t i32) (param $i i32) (result i32)
  (i32.load offset=4 (call $field_at (local.get $t) (local.get $i))))

(func $candid_skip (export "candid_skip") (param $t i32)
  (call $skip_all (local.get $t)))
