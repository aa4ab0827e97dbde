;; Placeholder: the runtime library's memory. Replaced by the runtime library proper.
  (memory (export "memory") 1 65536)
