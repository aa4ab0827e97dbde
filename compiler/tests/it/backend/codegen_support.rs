//! Helpers for the code generator's tests: IR built by hand, emission with validation, and
//! scenarios run in the VM twice (plainly, then with an upgrade to the same module between
//! every two calls). Not a test module itself.

use candid::Decode;
use minimo_compiler::codegen::{self, Metadata, Options};
use minimo_compiler::ir::{
    idl_hash, BinOp, Case, CmpOp, Expr, ExprKind, Field, FixedTy, Func, FuncId, Global, GlobalId,
    LocalId, Method, MethodKind, Pat, Program, Stability, Stmt, Tag, Ty,
};
use minimo_runtime::{CallError, Canister, Response, Vm};
use num_bigint::{BigInt, BigUint};

pub const CANISTER_ID: &str = "rwlgt-iiaaa-aaaaa-aaaaa-cai";
pub const NO_ARGS: &[u8] = b"DIDL\x00\x00";

pub fn expr(kind: ExprKind, ty: Ty) -> Expr {
    Expr { kind, ty }
}

pub fn nat(value: u64) -> Expr {
    expr(ExprKind::Nat(BigUint::from(value)), Ty::Nat)
}

pub fn big_nat(value: BigUint) -> Expr {
    expr(ExprKind::Nat(value), Ty::Nat)
}

pub fn int(value: i64) -> Expr {
    expr(ExprKind::Int(BigInt::from(value)), Ty::Int)
}

pub fn text(value: &str) -> Expr {
    expr(ExprKind::Text(value.to_string()), Ty::Text)
}

pub fn boolean(value: bool) -> Expr {
    expr(ExprKind::Bool(value), Ty::Bool)
}

pub fn unit() -> Expr {
    expr(ExprKind::Tuple(Vec::new()), Ty::unit())
}

pub fn local(index: u32, ty: Ty) -> Expr {
    expr(ExprKind::Local(LocalId(index)), ty)
}

pub fn global(id: GlobalId, ty: Ty) -> Expr {
    expr(ExprKind::Global(id), ty)
}

pub fn binary(op: BinOp, left: Expr, right: Expr) -> Expr {
    let ty = match op {
        BinOp::TextConcat => Ty::Text,
        BinOp::IntAdd
        | BinOp::IntSub
        | BinOp::IntMul
        | BinOp::IntDiv
        | BinOp::IntRem
        | BinOp::IntPow => Ty::Int,
        _ => Ty::Nat,
    };
    expr(ExprKind::Binary(op, Box::new(left), Box::new(right)), ty)
}

pub fn compare(op: CmpOp, left: Expr, right: Expr) -> Expr {
    expr(
        ExprKind::Compare(op, Box::new(left), Box::new(right)),
        Ty::Bool,
    )
}

pub fn tuple(items: Vec<Expr>) -> Expr {
    let ty = Ty::Tuple(items.iter().map(|item| item.ty.clone()).collect());
    expr(ExprKind::Tuple(items), ty)
}

pub fn project(tuple: Expr, index: u32) -> Expr {
    let ty = match &tuple.ty {
        Ty::Tuple(items) => items[index as usize].clone(),
        other => panic!("projection from {other:?}"),
    };
    expr(ExprKind::Project(Box::new(tuple), index), ty)
}

pub fn if_(condition: Expr, then: Expr, otherwise: Expr) -> Expr {
    let ty = then.ty.clone();
    expr(
        ExprKind::If(Box::new(condition), Box::new(then), Box::new(otherwise)),
        ty,
    )
}

pub fn call(func: FuncId, args: Vec<Expr>, result: Ty) -> Expr {
    expr(ExprKind::Call(func, args), result)
}

pub fn assign_global(id: GlobalId, value: Expr) -> Expr {
    expr(ExprKind::AssignGlobal(id, Box::new(value)), Ty::unit())
}

/// `{ stmts; result }`
pub fn block(stmts: Vec<Stmt>, result: Expr) -> Expr {
    let ty = result.ty.clone();
    expr(ExprKind::Block(stmts, Box::new(result)), ty)
}

pub fn effect(expr: Expr) -> Stmt {
    Stmt::Expr(expr)
}

/// Builds an actor program one field and one method at a time.
pub struct ProgramBuilder {
    pub program: Program,
}

impl ProgramBuilder {
    pub fn new() -> Self {
        ProgramBuilder {
            program: Program {
                actor_name: None,
                types: Vec::new(),
                locations: Vec::new(),
                globals: Vec::new(),
                funcs: Vec::new(),
                body: Vec::new(),
                body_locals: Vec::new(),
                methods: Vec::new(),
                preupgrade: None,
                postupgrade: None,
            },
        }
    }

    /// `stable var name : ty = init` (or `flexible`): a field and its initialisation.
    pub fn field(&mut self, name: &str, ty: Ty, stability: Stability, init: Expr) -> GlobalId {
        let id = GlobalId(self.program.globals.len() as u32);
        self.program.globals.push(Global {
            name: name.to_string(),
            ty,
            stability,
            mutable: true,
        });
        self.program.body.push(Stmt::InitGlobal(id, init));
        id
    }

    pub fn stable(&mut self, name: &str, ty: Ty, init: Expr) -> GlobalId {
        self.field(name, ty, Stability::Stable, init)
    }

    pub fn flexible(&mut self, name: &str, ty: Ty, init: Expr) -> GlobalId {
        self.field(name, ty, Stability::Flexible, init)
    }

    /// A private function with `params` parameters and `locals` further locals.
    pub fn func(
        &mut self,
        name: &str,
        params: Vec<Ty>,
        locals: Vec<Ty>,
        result: Ty,
        body: Expr,
    ) -> FuncId {
        let id = FuncId(self.program.funcs.len() as u32);
        let param_count = params.len() as u32;
        let mut all = params;
        all.extend(locals);
        self.program.funcs.push(Func {
            name: name.to_string(),
            closure: false,
            param_count,
            locals: all,
            result,
            body,
        });
        id
    }

    /// A public method whose function has exactly the Candid parameters and one result
    /// (none when it is unit).
    pub fn method(
        &mut self,
        kind: MethodKind,
        name: &str,
        params: Vec<Ty>,
        result: Ty,
        body: Expr,
    ) -> FuncId {
        let results = if result.is_unit() {
            Vec::new()
        } else {
            vec![result.clone()]
        };
        self.method_with_results(kind, name, params, results, result, body)
    }

    pub fn method_with_results(
        &mut self,
        kind: MethodKind,
        name: &str,
        params: Vec<Ty>,
        results: Vec<Ty>,
        result: Ty,
        body: Expr,
    ) -> FuncId {
        let func = self.func(name, params.clone(), Vec::new(), result, body);
        self.program.methods.push(Method {
            name: name.to_string(),
            kind,
            func,
            params,
            results,
        });
        func
    }

    pub fn update(&mut self, name: &str, params: Vec<Ty>, result: Ty, body: Expr) -> FuncId {
        self.method(MethodKind::Update, name, params, result, body)
    }

    pub fn query(&mut self, name: &str, params: Vec<Ty>, result: Ty, body: Expr) -> FuncId {
        self.method(MethodKind::Query, name, params, result, body)
    }

    /// Emits and validates the module.
    pub fn build(&self) -> Vec<u8> {
        emit(&self.program)
    }
}

/// Emits a program with fixed metadata and validates the module.
pub fn emit(program: &Program) -> Vec<u8> {
    let metadata = Metadata {
        candid_service: "service : {}".to_string(),
        stable_types: "actor {\n};\n".to_string(),
    };
    let wasm = codegen::emit(program, &metadata, &Options::default());
    if let Err(error) = wasmparser::Validator::new().validate_all(&wasm) {
        panic!("the emitted module does not validate: {error}");
    }
    wasm
}

/// One step of a scenario.
pub enum Step {
    Update(&'static str, Vec<u8>),
    Query(&'static str, Vec<u8>),
    Upgrade(Vec<u8>),
}

pub type StepResult = Result<Response, CallError>;

pub fn vm() -> Vm {
    match Vm::new(minimo_runtime::Options::default()) {
        Ok(vm) => vm,
        Err(error) => panic!("the VM starts: {error:?}"),
    }
}

/// Installs `wasm` and runs the steps; with `interleave`, upgrades to the current module
/// between every two steps (those upgrades must succeed and are not recorded).
pub fn run(wasm: &[u8], steps: &[Step], interleave: bool) -> Vec<StepResult> {
    let vm = vm();
    let (canister, _) = Canister::install(&vm, CANISTER_ID, wasm, NO_ARGS);
    let mut canister: Canister = match canister {
        Ok(canister) => canister,
        Err(error) => panic!("install failed: {error:?}"),
    };
    let mut current = wasm.to_vec();
    let mut results = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        if interleave && index > 0 {
            let outcome = canister.upgrade(&vm, &current, NO_ARGS);
            if let Err(error) = outcome.result {
                panic!("the upgrade to the same module before step {index} failed: {error:?}");
            }
        }
        let outcome = match step {
            Step::Update(method, arg) => canister.update(&vm, method, arg),
            Step::Query(method, arg) => canister.query(&vm, method, arg),
            Step::Upgrade(new) => {
                let outcome = canister.upgrade(&vm, new, NO_ARGS);
                if outcome.result.is_ok() {
                    current = new.clone();
                }
                outcome
            }
        };
        results.push(outcome.result);
    }
    results
}

/// Runs the steps plainly and with interleaved upgrades; both must answer alike.
pub fn run_both(wasm: &[u8], steps: &[Step]) -> Vec<StepResult> {
    let plain = run(wasm, steps, false);
    let interleaved = run(wasm, steps, true);
    assert_eq!(
        plain, interleaved,
        "interleaved upgrades changed the replies"
    );
    plain
}

/// The reply bytes of a successful step.
pub fn reply(result: &StepResult) -> &[u8] {
    match result {
        Ok(Response::Reply(bytes)) => bytes,
        other => panic!("expected a reply, got {other:?}"),
    }
}

/// The error message of a failed step.
pub fn error_message(result: &StepResult) -> &str {
    match result {
        Err(error) => &error.message,
        other => panic!("expected an error, got {other:?}"),
    }
}

pub fn decode_nat(result: &StepResult) -> candid::Nat {
    match Decode!(reply(result), candid::Nat) {
        Ok(value) => value,
        Err(error) => panic!("the reply is not a nat: {error}"),
    }
}

pub fn decode_int(result: &StepResult) -> candid::Int {
    match Decode!(reply(result), candid::Int) {
        Ok(value) => value,
        Err(error) => panic!("the reply is not an int: {error}"),
    }
}

/// `?value`
pub fn some(value: Expr) -> Expr {
    let ty = Ty::Option(Box::new(value.ty.clone()));
    expr(ExprKind::Some(Box::new(value)), ty)
}

/// `null` at type `?inner`.
pub fn null_of(inner: Ty) -> Expr {
    expr(ExprKind::Null, Ty::Option(Box::new(inner)))
}

/// `[items]` (or `[var items]` when `mutable`) with element type `elem`.
pub fn array(elem: Ty, mutable: bool, items: Vec<Expr>) -> Expr {
    let ty = if mutable {
        Ty::MutArray(Box::new(elem))
    } else {
        Ty::Array(Box::new(elem))
    };
    expr(ExprKind::Array(items), ty)
}

/// The record type with the given fields (sorted by hash, as the IR wants).
pub fn record_ty(fields: &[(&str, Ty, bool)]) -> Ty {
    let mut fields: Vec<Field> = fields
        .iter()
        .map(|(name, ty, mutable)| Field {
            name: name.to_string(),
            ty: ty.clone(),
            mutable: *mutable,
        })
        .collect();
    fields.sort_by_key(|field| idl_hash(&field.name));
    Ty::Record(fields)
}

/// A record literal of immutable fields.
pub fn record(fields: Vec<(&str, Expr)>) -> Expr {
    let ty = record_ty(
        &fields
            .iter()
            .map(|(name, value)| (*name, value.ty.clone(), false))
            .collect::<Vec<_>>(),
    );
    record_at(ty, fields)
}

/// A record literal at a given record type.
pub fn record_at(ty: Ty, fields: Vec<(&str, Expr)>) -> Expr {
    let fields = fields
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect();
    expr(ExprKind::Record(fields), ty)
}

/// The variant type with the given tags (sorted by hash).
pub fn variant_ty(tags: &[(&str, Ty)]) -> Ty {
    let mut tags: Vec<Tag> = tags
        .iter()
        .map(|(name, ty)| Tag {
            name: name.to_string(),
            ty: ty.clone(),
        })
        .collect();
    tags.sort_by_key(|tag| idl_hash(&tag.name));
    Ty::Variant(tags)
}

/// `#tag payload` at variant type `ty`.
pub fn variant(ty: Ty, tag: &str, payload: Expr) -> Expr {
    expr(ExprKind::Variant(tag.to_string(), Box::new(payload)), ty)
}

pub fn fixed(ty: FixedTy, bits: u64) -> Expr {
    expr(ExprKind::Fixed(ty, bits), Ty::Fixed(ty))
}

pub fn field(record: Expr, name: &str, ty: Ty) -> Expr {
    expr(ExprKind::Field(Box::new(record), name.to_string()), ty)
}

pub fn index(array: Expr, at: Expr, elem: Ty) -> Expr {
    expr(ExprKind::Index(Box::new(array), Box::new(at)), elem)
}

pub fn switch(scrutinee: Expr, cases: Vec<(Pat, Expr)>, ty: Ty) -> Expr {
    let cases = cases
        .into_iter()
        .map(|(pat, body)| Case { pat, body })
        .collect();
    expr(ExprKind::Switch(Box::new(scrutinee), cases), ty)
}

/// The Candid text of a reply or argument (record fields appear as their ids).
pub fn candid_text(bytes: &[u8]) -> String {
    match candid::IDLArgs::from_bytes(bytes) {
        Ok(args) => args.to_string(),
        Err(error) => panic!("not a Candid message: {error}"),
    }
}

/// The Candid bytes of the given values.
pub fn candid_bytes(values: Vec<candid::IDLValue>) -> Vec<u8> {
    match candid::IDLArgs::new(&values).to_bytes() {
        Ok(bytes) => bytes,
        Err(error) => panic!("the test's values encode: {error}"),
    }
}
