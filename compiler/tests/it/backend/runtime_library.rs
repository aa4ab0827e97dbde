//! Tests of the hand-written runtime library (`codegen/rt/*.wat`), instantiated on its own in
//! wasmtime with stub `ic0` imports. Integers are written in and read out as LEB128 through
//! the library's own reader and writer, and compared with `num-bigint`; Candid messages come
//! from the `candid` crate. These tests do not link the library into a canister: the code
//! generator's tests do that.

use std::fmt;
use std::sync::OnceLock;

use minimo_compiler::codegen::{rt_abi, runtime_library, runtime_library_problems};
use num_bigint::BigInt;
use wasmtime::{
    Config, Engine, ExternType, FuncType, Instance, Linker, Module, Store, StoreLimits,
    StoreLimitsBuilder, Strategy, Val, ValType,
};

mod candid_messages;
mod chars;
mod float_math;
mod float_text;
mod objects;
mod text_and_streams;

/// The message a call to `ic0.trap` carried.
#[derive(Debug)]
struct Trapped(String);

impl fmt::Display for Trapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "trapped: {}", self.0)
    }
}

impl std::error::Error for Trapped {}

fn compiled() -> &'static (Engine, Module) {
    static COMPILED: OnceLock<(Engine, Module)> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let mut config = Config::new();
        config.strategy(Strategy::Winch);
        let engine = Engine::new(&config).expect("the engine configuration is valid");
        let module = Module::new(&engine, runtime_library()).expect("the library compiles");
        (engine, module)
    })
}

fn wasm_type(ty: minimo_sysapi::ValType) -> ValType {
    match ty {
        minimo_sysapi::ValType::I32 => ValType::I32,
        minimo_sysapi::ValType::I64 => ValType::I64,
    }
}

/// One instance of the library.
struct Rt {
    store: Store<StoreLimits>,
    instance: Instance,
}

impl Rt {
    fn new() -> Rt {
        Rt::with_limits(StoreLimitsBuilder::new().build())
    }

    fn with_limits(limits: StoreLimits) -> Rt {
        let (engine, module) = compiled();
        let mut store = Store::new(engine, limits);
        store.limiter(|limits| limits);
        let mut linker = Linker::new(engine);
        for function in minimo_sysapi::SYSTEM_API {
            let ty = FuncType::new(
                engine,
                function.params.iter().map(|ty| wasm_type(*ty)),
                function.results.iter().map(|ty| wasm_type(*ty)),
            );
            let is_trap = function.name == "trap";
            linker
                .func_new(
                    minimo_sysapi::MODULE,
                    function.name,
                    ty,
                    move |mut caller, params, results| {
                        if is_trap {
                            let memory = caller
                                .get_export("memory")
                                .and_then(|export| export.into_memory())
                                .ok_or_else(|| wasmtime::Error::msg("no memory"))?;
                            let ptr = params[0].unwrap_i32() as u32 as usize;
                            let len = params[1].unwrap_i32() as u32 as usize;
                            let bytes = memory.data(&caller)[ptr..ptr + len].to_vec();
                            return Err(wasmtime::Error::new(Trapped(
                                String::from_utf8_lossy(&bytes).into_owned(),
                            )));
                        }
                        for (result, ty) in results.iter_mut().zip(function.results) {
                            *result = match ty {
                                minimo_sysapi::ValType::I32 => Val::I32(0),
                                minimo_sysapi::ValType::I64 => Val::I64(0),
                            };
                        }
                        Ok(())
                    },
                )
                .expect("each import is defined once");
        }
        let instance = linker
            .instantiate(&mut store, module)
            .expect("the library instantiates");
        Rt { store, instance }
    }

    /// Calls an export; a trap becomes its message.
    fn call(&mut self, name: &str, args: &[Val]) -> Result<Vec<Val>, String> {
        let func = self
            .instance
            .get_func(&mut self.store, name)
            .unwrap_or_else(|| panic!("{name} is exported"));
        let count = func.ty(&self.store).results().len();
        let mut results = vec![Val::I32(0); count];
        match func.call(&mut self.store, args, &mut results) {
            Ok(()) => Ok(results),
            Err(error) => match error.downcast_ref::<Trapped>() {
                Some(Trapped(message)) => Err(message.clone()),
                None => Err(format!("{error:?}")),
            },
        }
    }

    fn i32(&mut self, name: &str, args: &[i32]) -> i32 {
        self.try_i32(name, args)
            .unwrap_or_else(|message| panic!("{name} trapped: {message}"))
    }

    fn try_i32(&mut self, name: &str, args: &[i32]) -> Result<i32, String> {
        let args: Vec<Val> = args.iter().map(|arg| Val::I32(*arg)).collect();
        self.call(name, &args)
            .map(|results| results[0].unwrap_i32())
    }

    fn unit(&mut self, name: &str, args: &[i32]) {
        self.try_unit(name, args)
            .unwrap_or_else(|message| panic!("{name} trapped: {message}"))
    }

    fn try_unit(&mut self, name: &str, args: &[i32]) -> Result<(), String> {
        let args: Vec<Val> = args.iter().map(|arg| Val::I32(*arg)).collect();
        self.call(name, &args).map(|_| ())
    }

    fn memory(&mut self) -> &mut [u8] {
        let memory = self
            .instance
            .get_memory(&mut self.store, "memory")
            .expect("memory is exported");
        memory.data_mut(&mut self.store)
    }

    fn load(&mut self, ptr: i32, len: usize) -> Vec<u8> {
        let ptr = ptr as u32 as usize;
        self.memory()[ptr..ptr + len].to_vec()
    }

    fn load_u32(&mut self, ptr: i32) -> u32 {
        let bytes = self.load(ptr, 4);
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    }

    /// Copies bytes into a fresh heap allocation.
    fn bytes_in(&mut self, bytes: &[u8]) -> i32 {
        let ptr = self.i32("alloc", &[bytes.len() as i32]);
        let start = ptr as u32 as usize;
        self.memory()[start..start + bytes.len()].copy_from_slice(bytes);
        ptr
    }

    /// Points the reader at a copy of bytes.
    fn read_from(&mut self, bytes: &[u8]) {
        let ptr = self.bytes_in(bytes);
        self.unit("reader_init", &[ptr, bytes.len() as i32]);
    }

    fn written(&mut self) -> Vec<u8> {
        let ptr = self.i32("writer_ptr", &[]);
        let len = self.i32("writer_len", &[]) as usize;
        self.load(ptr, len)
    }

    fn int(&mut self, value: &BigInt) -> i32 {
        self.read_from(&sleb(value));
        let v = self.i32("read_int", &[]);
        self.assert_normalised(v, value);
        v
    }

    fn int_out(&mut self, v: i32) -> BigInt {
        self.unit("writer_reset", &[]);
        self.unit("write_int", &[v]);
        let bytes = self.written();
        let value = sleb_decode(&bytes);
        self.assert_normalised(v, &value);
        value
    }

    /// A value in the small range must be tagged, any other a bignum without leading zeros.
    fn assert_normalised(&mut self, v: i32, value: &BigInt) {
        let small = *value >= BigInt::from(-(1i64 << 30)) && *value < BigInt::from(1i64 << 30);
        if small {
            assert_eq!(v & 1, 1, "{value} is tagged");
            assert_eq!(BigInt::from(v >> 1), *value);
        } else {
            assert_eq!(v & 1, 0, "{value} is boxed");
            assert_eq!(self.load_u32(v), rt_abi::TAG_BIGNUM);
            let len = self.load_u32(v + 4) & 0x7fff_ffff;
            assert!(len > 0);
            assert_ne!(
                self.load_u32(v + 8 + 4 * (len as i32 - 1)),
                0,
                "{value} has no leading zero limb"
            );
        }
    }

    fn text(&mut self, text: &str) -> i32 {
        let ptr = self.bytes_in(text.as_bytes());
        self.i32("text_from_bytes", &[ptr, text.len() as i32])
    }

    fn text_out(&mut self, t: i32) -> String {
        assert_eq!(self.load_u32(t), rt_abi::TAG_TEXT);
        let len = self.load_u32(t + 4) as usize;
        String::from_utf8(self.load(t + 8, len)).expect("texts hold UTF-8")
    }
}

fn uleb(value: &BigInt) -> Vec<u8> {
    let mut value = value.clone();
    let mut out = Vec::new();
    loop {
        let byte = u8::try_from(&value & BigInt::from(0x7f)).expect("seven bits");
        value >>= 7;
        if value == BigInt::from(0) {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(value: &BigInt) -> Vec<u8> {
    let mut value = value.clone();
    let mut out = Vec::new();
    loop {
        let byte = u8::try_from(&value & BigInt::from(0x7f)).expect("seven bits");
        value >>= 7;
        let done = (value == BigInt::from(0) && byte & 0x40 == 0)
            || (value == BigInt::from(-1) && byte & 0x40 != 0);
        if done {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

fn sleb_decode(bytes: &[u8]) -> BigInt {
    let mut value = BigInt::from(0);
    for (i, byte) in bytes.iter().enumerate() {
        value |= BigInt::from(byte & 0x7f) << (7 * i);
    }
    if bytes.last().is_some_and(|byte| byte & 0x40 != 0) {
        value -= BigInt::from(1) << (7 * bytes.len());
    }
    value
}

fn big(text: &str) -> BigInt {
    text.parse().expect("a decimal literal")
}

/// Small values, the edges of the small range, of 32 and 64 bits, and large values.
fn samples() -> Vec<BigInt> {
    let two = BigInt::from(2);
    let mut values = vec![
        BigInt::from(0),
        BigInt::from(1),
        BigInt::from(-1),
        BigInt::from(7),
        BigInt::from(-12345),
        big("340282366920938463463374607431768211455"),
        big("-98765432109876543210987654321098765432109876543210"),
        BigInt::from(3).pow(100u32),
        -BigInt::from(7).pow(80u32),
        BigInt::from(10).pow(40u32) + 7,
    ];
    // 2^6, 2^13, 2^20, 2^27 and 2^28 are where LEB128 encodings grow a byte and where the
    // readers' small-number fast paths end; 2^30 bounds the small integers.
    for exp in [6u32, 7, 13, 14, 20, 21, 27, 28, 30, 31, 32, 63, 64] {
        let p = two.pow(exp);
        for delta in [-1, 0, 1] {
            values.push(&p + delta);
            values.push(-&p + delta);
        }
    }
    values
}

fn check_binary(name: &str, expected: impl Fn(&BigInt, &BigInt) -> Option<BigInt>) {
    let mut rt = Rt::new();
    let values = samples();
    for a in &values {
        for b in &values {
            let Some(want) = expected(a, b) else { continue };
            let (va, vb) = (rt.int(a), rt.int(b));
            let got = rt.i32(name, &[va, vb]);
            assert_eq!(rt.int_out(got), want, "{name}({a}, {b})");
        }
    }
}

#[test]
fn library_exports_every_abi_function_with_its_signature() {
    let (_, module) = compiled();
    for function in rt_abi::RUNTIME_FUNCTIONS {
        let Some(ExternType::Func(ty)) = module.get_export(function.name) else {
            panic!("{} is not exported as a function", function.name)
        };
        let convert = |ty: &rt_abi::Val| match ty {
            rt_abi::Val::I32 => "i32",
            rt_abi::Val::I64 => "i64",
            rt_abi::Val::F64 => "f64",
        };
        let params: Vec<String> = ty.params().map(|ty| ty.to_string()).collect();
        let results: Vec<String> = ty.results().map(|ty| ty.to_string()).collect();
        assert_eq!(
            params,
            function.params.iter().map(convert).collect::<Vec<_>>(),
            "{}",
            function.name
        );
        assert_eq!(
            results,
            function.results.iter().map(convert).collect::<Vec<_>>(),
            "{}",
            function.name
        );
    }
    assert_eq!(runtime_library_problems(), Vec::<String>::new());
}

#[test]
fn library_exports_its_mutable_globals_and_keeps_data_in_the_first_page() {
    let mut exported_globals = Vec::new();
    let mut mutable_globals = Vec::new();
    let mut segments: Vec<(u32, usize)> = Vec::new();
    let mut global_index = 0u32;
    for payload in wasmparser::Parser::new(0).parse_all(runtime_library()) {
        match payload.expect("the library parses") {
            wasmparser::Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.expect("an import parses");
                    assert!(
                        !matches!(import.ty, wasmparser::TypeRef::Global(_)),
                        "no imported globals"
                    );
                }
            }
            wasmparser::Payload::GlobalSection(reader) => {
                for global in reader {
                    if global.expect("a global parses").ty.mutable {
                        mutable_globals.push(global_index);
                    }
                    global_index += 1;
                }
            }
            wasmparser::Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.expect("an export parses");
                    assert!(
                        !export.name.starts_with("canister_"),
                        "{} is not a canister entry point",
                        export.name
                    );
                    if export.kind == wasmparser::ExternalKind::Global {
                        exported_globals.push(export.index);
                    }
                }
            }
            wasmparser::Payload::StartSection { .. } => panic!("the library has no start function"),
            wasmparser::Payload::DataSection(reader) => {
                for data in reader {
                    let data = data.expect("a data segment parses");
                    let wasmparser::DataKind::Active { offset_expr, .. } = data.kind else {
                        panic!("data segments are active")
                    };
                    let Ok(wasmparser::Operator::I32Const { value }) =
                        offset_expr.get_operators_reader().read()
                    else {
                        panic!("data offsets are constants")
                    };
                    segments.push((value as u32, data.data.len()));
                }
            }
            _ => {}
        }
    }
    for global in mutable_globals {
        assert!(
            exported_globals.contains(&global),
            "mutable global {global} is exported"
        );
    }
    segments.sort();
    for pair in segments.windows(2) {
        assert!(
            pair[0].0 as usize + pair[0].1 <= pair[1].0 as usize,
            "data segments overlap"
        );
    }
    for (offset, len) in segments {
        assert!(
            offset as usize + len <= 0x10000,
            "data stays in the runtime's reserved range"
        );
    }
}

#[test]
fn alloc_returns_aligned_zeroed_memory() {
    let mut rt = Rt::new();
    let a = rt.i32("alloc", &[3]);
    let b = rt.i32("alloc", &[1]);
    assert_eq!(a % 4, 0);
    assert_eq!(b, a + 4);
    let c = rt.i32("alloc", &[200_000]);
    assert_eq!(rt.load(c, 200_000), vec![0; 200_000]);
}

#[test]
fn alloc_traps_cleanly_when_memory_cannot_grow() {
    let mut rt = Rt::with_limits(StoreLimitsBuilder::new().memory_size(4 * 65536).build());
    assert_eq!(
        rt.try_i32("alloc", &[300_000]),
        Err("heap out of memory".to_string())
    );
    let mut rt = Rt::new();
    assert_eq!(
        rt.try_i32("alloc", &[-1]),
        Err("heap out of memory".to_string())
    );
}

#[test]
fn trap_reports_its_message() {
    let mut rt = Rt::new();
    let ptr = rt.bytes_in(b"boom");
    assert_eq!(rt.try_unit("trap", &[ptr, 4]), Err("boom".to_string()));
}

#[test]
fn integers_round_trip_through_leb128_in_canonical_form() {
    let mut rt = Rt::new();
    for value in samples() {
        let v = rt.int(&value);
        rt.unit("writer_reset", &[]);
        rt.unit("write_int", &[v]);
        assert_eq!(rt.written(), sleb(&value), "sleb of {value}");
        if value >= BigInt::from(0) {
            rt.read_from(&uleb(&value));
            let n = rt.i32("read_nat", &[]);
            rt.assert_normalised(n, &value);
            rt.unit("writer_reset", &[]);
            rt.unit("write_nat", &[n]);
            assert_eq!(rt.written(), uleb(&value), "uleb of {value}");
        } else {
            rt.unit("writer_reset", &[]);
            assert_eq!(
                rt.try_unit("write_nat", &[v]),
                Err("Candid encoding error: negative Nat".to_string())
            );
        }
    }
}

#[test]
fn int_from_i64_and_u64_cover_the_boundaries() {
    let mut rt = Rt::new();
    for value in [
        0i64,
        1,
        -1,
        (1 << 30) - 1,
        1 << 30,
        -(1 << 30),
        -(1 << 30) - 1,
        i64::MAX,
        i64::MIN,
        1 << 32,
    ] {
        let v = rt
            .call("int_from_i64", &[Val::I64(value)])
            .expect("no trap")[0]
            .unwrap_i32();
        assert_eq!(rt.int_out(v), BigInt::from(value));
    }
    for value in [0u64, (1 << 30) - 1, 1 << 30, u64::MAX, 1 << 63] {
        let v = rt
            .call("int_from_u64", &[Val::I64(value as i64)])
            .expect("no trap")[0]
            .unwrap_i32();
        assert_eq!(rt.int_out(v), BigInt::from(value));
    }
}

#[test]
fn int_add_matches_bigint() {
    check_binary("int_add", |a, b| Some(a + b));
}

#[test]
fn int_sub_matches_bigint() {
    check_binary("int_sub", |a, b| Some(a - b));
}

#[test]
fn int_mul_matches_bigint() {
    check_binary("int_mul", |a, b| Some(a * b));
}

#[test]
fn int_div_truncates_toward_zero() {
    check_binary("int_div", |a, b| (*b != BigInt::from(0)).then(|| a / b));
}

#[test]
fn int_rem_takes_the_sign_of_the_dividend() {
    check_binary("int_rem", |a, b| (*b != BigInt::from(0)).then(|| a % b));
}

#[test]
fn nat_sub_matches_bigint_when_not_negative() {
    check_binary("nat_sub", |a, b| {
        (a >= b && *b >= BigInt::from(0)).then(|| a - b)
    });
}

#[test]
fn int_cmp_and_int_eq_order_all_samples() {
    let mut rt = Rt::new();
    let values = samples();
    for a in &values {
        for b in &values {
            let (va, vb) = (rt.int(a), rt.int(b));
            assert_eq!(
                rt.i32("int_cmp", &[va, vb]),
                a.cmp(b) as i32,
                "cmp({a}, {b})"
            );
            assert_eq!(
                rt.i32("int_eq", &[va, vb]),
                i32::from(a == b),
                "eq({a}, {b})"
            );
        }
    }
}

#[test]
fn int_neg_and_int_is_neg_match_bigint() {
    let mut rt = Rt::new();
    for value in samples() {
        let v = rt.int(&value);
        let negated = rt.i32("int_neg", &[v]);
        assert_eq!(rt.int_out(negated), -&value);
        assert_eq!(
            rt.i32("int_is_neg", &[v]),
            i32::from(value < BigInt::from(0))
        );
    }
}

#[test]
fn nat_sub_traps_on_underflow() {
    let mut rt = Rt::new();
    let (three, five) = (rt.int(&BigInt::from(3)), rt.int(&BigInt::from(5)));
    assert_eq!(
        rt.try_i32("nat_sub", &[three, five]),
        Err("arithmetic overflow".to_string())
    );
    let (small, large) = (
        rt.int(&BigInt::from(1u64 << 40)),
        rt.int(&BigInt::from(1u64 << 50)),
    );
    assert_eq!(
        rt.try_i32("nat_sub", &[small, large]),
        Err("arithmetic overflow".to_string())
    );
}

#[test]
fn division_by_zero_traps() {
    let mut rt = Rt::new();
    let zero = rt.int(&BigInt::from(0));
    for value in [BigInt::from(5), BigInt::from(1u64 << 40)] {
        let v = rt.int(&value);
        assert_eq!(
            rt.try_i32("int_div", &[v, zero]),
            Err("arithmetic overflow".to_string())
        );
        assert_eq!(
            rt.try_i32("int_rem", &[v, zero]),
            Err("arithmetic overflow".to_string())
        );
    }
}

#[test]
fn int_pow_matches_bigint() {
    let mut rt = Rt::new();
    for base in [0i64, 1, -1, 2, -3, 10, 1 << 20, -(1 << 40)] {
        for exp in [0u32, 1, 2, 3, 7, 30, 31, 64, 100] {
            let (vb, ve) = (rt.int(&BigInt::from(base)), rt.int(&BigInt::from(exp)));
            let got = rt.i32("int_pow", &[vb, ve]);
            assert_eq!(
                rt.int_out(got),
                BigInt::from(base).pow(exp),
                "{base} ** {exp}"
            );
        }
    }
    let huge = rt.int(&(BigInt::from(1) << 100));
    let minus_one = rt.int(&BigInt::from(-1));
    let got = rt.i32("int_pow", &[minus_one, huge]);
    assert_eq!(rt.int_out(got), BigInt::from(1));
}

#[test]
fn int_pow_traps_on_a_negative_exponent() {
    let mut rt = Rt::new();
    let (two, minus) = (rt.int(&BigInt::from(2)), rt.int(&BigInt::from(-1)));
    assert_eq!(
        rt.try_i32("int_pow", &[two, minus]),
        Err("arithmetic overflow".to_string())
    );
}

#[test]
fn int_to_text_prints_decimal() {
    let mut rt = Rt::new();
    let mut values = samples();
    values.push(BigInt::from(10).pow(27u32));
    values.push(-BigInt::from(10).pow(18u32) - 1);
    for value in values {
        let v = rt.int(&value);
        let text = rt.i32("int_to_text", &[v]);
        assert_eq!(rt.text_out(text), value.to_string());
    }
}
