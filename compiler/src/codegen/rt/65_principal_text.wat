;; Principals from their textual form (`actor "aaaaa-aa"`, `Principal.fromText`) and the
;; principal of an actor reference. The text is lowercase base32 without padding, in groups
;; of five characters joined by '-'; it decodes to a 4-byte big-endian CRC-32 of the bytes
;; that follow, which must match. Anything else traps with a message naming the problem.
;; This file does not print principals (80_show.wat does) and accepts no uppercase letters.
;;
;; Static data: the trap messages at [0x3000, 0x3200), one every 0x80 bytes.

(data (i32.const 0x3000) "invalid principal text: expected lowercase base32 in groups of five separated by '-'\00")
(data (i32.const 0x3080) "invalid principal text: too short for its checksum\00")
(data (i32.const 0x3100) "invalid principal text: checksum mismatch\00")
(data (i32.const 0x3180) "the principal of an actor declared in a script is not supported\00")

;; The value of the base32 digit `c` (a..z are 0..25, 2..7 are 26..31), or -1.
(func $b32_digit (param $c i32) (result i32)
  (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
    (then (return (i32.sub (local.get $c) (i32.const 97)))))
  (if (i32.and (i32.ge_u (local.get $c) (i32.const 50)) (i32.le_u (local.get $c) (i32.const 55)))
    (then (return (i32.sub (local.get $c) (i32.const 24)))))
  (i32.const -1))

;; The principal `[TAG_PRINCIPAL][len][bytes]` that the text object `t` denotes.
(func $principal_of_text (export "principal_of_text") (param $t i32) (result i32)
  (local $len i32)
  (local $src i32)
  (local $raw i32)
  (local $n i32)
  (local $i i32)
  (local $c i32)
  (local $d i32)
  (local $acc i32)
  (local $bits i32)
  (local.set $len (i32.load offset=4 (local.get $t)))
  (local.set $src (i32.add (local.get $t) (i32.const 8)))
  (local.set $raw (call $alloc (i32.add (local.get $len) (i32.const 4))))
  ;; A text ending with '-' would leave an empty group.
  (if (i32.and (i32.gt_u (local.get $len) (i32.const 0))
               (i32.eq (i32.load8_u (i32.add (local.get $src) (i32.sub (local.get $len) (i32.const 1))))
                       (i32.const 45)))
    (then (call $exec_error_msg (i32.const 0x3000))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $c (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      ;; Every sixth character separates two groups and nothing else may.
      (if (i32.eq (i32.rem_u (i32.add (local.get $i) (i32.const 1)) (i32.const 6)) (i32.const 0))
        (then
          (if (i32.ne (local.get $c) (i32.const 45)) (then (call $exec_error_msg (i32.const 0x3000)))))
        (else
          (local.set $d (call $b32_digit (local.get $c)))
          (if (i32.lt_s (local.get $d) (i32.const 0)) (then (call $exec_error_msg (i32.const 0x3000))))
          (local.set $acc (i32.or (i32.shl (local.get $acc) (i32.const 5)) (local.get $d)))
          (local.set $bits (i32.add (local.get $bits) (i32.const 5)))
          (if (i32.ge_u (local.get $bits) (i32.const 8))
            (then
              (local.set $bits (i32.sub (local.get $bits) (i32.const 8)))
              (i32.store8 (i32.add (local.get $raw) (local.get $n))
                (i32.shr_u (local.get $acc) (local.get $bits)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (local.set $acc (i32.and (local.get $acc)
                (i32.sub (i32.shl (i32.const 1) (local.get $bits)) (i32.const 1))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  ;; Unpadded base32 leaves fewer than five bits over, and they are zero.
  (if (i32.or (i32.ge_u (local.get $bits) (i32.const 5)) (i32.ne (local.get $acc) (i32.const 0)))
    (then (call $exec_error_msg (i32.const 0x3000))))
  (if (i32.lt_u (local.get $n) (i32.const 4)) (then (call $exec_error_msg (i32.const 0x3080))))
  (if (i32.ne
        (call $crc32 (i32.add (local.get $raw) (i32.const 4)) (i32.sub (local.get $n) (i32.const 4)))
        (i32.or
          (i32.or (i32.shl (i32.load8_u (local.get $raw)) (i32.const 24))
                  (i32.shl (i32.load8_u offset=1 (local.get $raw)) (i32.const 16)))
          (i32.or (i32.shl (i32.load8_u offset=2 (local.get $raw)) (i32.const 8))
                  (i32.load8_u offset=3 (local.get $raw)))))
    (then (call $exec_error_msg (i32.const 0x3100))))
  (call $bytes_new (i32.const 10) (i32.add (local.get $raw) (i32.const 4))
    (i32.sub (local.get $n) (i32.const 4))))

;; The principal of an actor reference: a reference made from text is its principal already.
;; An actor declared in a script is an object in script mode and has no principal.
(func $principal_of_actor (export "principal_of_actor") (param $a i32) (result i32)
  (if (i32.ne (i32.load (local.get $a)) (i32.const 10))
    (then (call $exec_error_msg (i32.const 0x3180))))
  (local.get $a))
