;; The physical limit for a byte scan in wasm: counts spaces 16 bytes at a time (SIMD).
;; Assembled by scripts/bench.sh with binaryen's wasm-as into bench/out/simd-scan.wasm.
(module
  (memory (export "memory") 512)
  (func (export "count_spaces") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $c i32) (local $sp v128)
    (local.set $sp (i8x16.splat (i32.const 32)))
    (local.set $end (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -16))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.add (local.get $c)
          (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (local.get $sp))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (local.get $c)))
