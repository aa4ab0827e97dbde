//! Linking: reads the assembled runtime library and writes the final canister module.
//!
//! The library's types, `ic0` imports, functions, memory, globals and data are copied
//! unchanged and keep their indices; generated types, functions, globals and one data segment
//! of statics are appended. The library's function exports are dropped (they are internal);
//! its memory and global exports are kept, and every generated global is exported so that a
//! host can snapshot it. The allocator's bump pointer (`rt_heap_ptr`) starts above the
//! statics. This file does not generate code.

use std::collections::HashMap;
use std::ops::Range;

use wasm_encoder::{
    CodeSection, ConstExpr, CustomSection, DataSection, ElementSection, Elements, EntityType,
    ExportKind, ExportSection, FunctionSection, GlobalSection, GlobalType, ImportSection,
    MemorySection, MemoryType, Module, NameMap, NameSection, RefType, TableSection, TableType,
    TypeSection, ValType,
};
use wasmparser::{ExternalKind, Operator, Payload, TypeRef};

use super::module::{val_type, ModuleBuilder, Signature};
use super::rt_abi;
use super::Metadata;

/// The name of the allocator's bump pointer global exported by the runtime library.
const HEAP_POINTER: &str = "rt_heap_ptr";

/// The name of the global holding the location of the next trapping operation.
const TRAP_LOC: &str = "rt_trap_loc";

/// A constant initial value of a runtime global.
#[derive(Clone, Copy)]
enum Init {
    I32(i32),
    I64(i64),
}

struct RtGlobal {
    ty: ValType,
    mutable: bool,
    init: Init,
}

/// The parts of the runtime library the linker copies.
pub(crate) struct RuntimeLibrary<'a> {
    bytes: &'a [u8],
    pub types: Vec<Signature>,
    /// Imported functions: module, name and type index.
    imports: Vec<(String, String, u32)>,
    /// Type index of each defined function.
    functions: Vec<u32>,
    /// Each defined function's body (locals and code) as a range of `bytes`.
    code: Vec<Range<usize>>,
    memories: Vec<wasmparser::MemoryType>,
    globals: Vec<RtGlobal>,
    exports: Vec<(String, ExternalKind, u32)>,
    /// Active data segments: offset and bytes.
    data: Vec<(u32, Vec<u8>)>,
}

fn convert_val(ty: wasmparser::ValType) -> Result<ValType, String> {
    match ty {
        wasmparser::ValType::I32 => Ok(ValType::I32),
        wasmparser::ValType::I64 => Ok(ValType::I64),
        wasmparser::ValType::F32 => Ok(ValType::F32),
        wasmparser::ValType::F64 => Ok(ValType::F64),
        other => Err(format!("unsupported value type {other:?}")),
    }
}

fn const_value(expr: &wasmparser::ConstExpr) -> Result<Init, String> {
    let mut reader = expr.get_operators_reader();
    match reader.read().map_err(|error| error.to_string())? {
        Operator::I32Const { value } => Ok(Init::I32(value)),
        Operator::I64Const { value } => Ok(Init::I64(value)),
        other => Err(format!("unsupported constant expression {other:?}")),
    }
}

impl<'a> RuntimeLibrary<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Self, String> {
        let mut library = RuntimeLibrary {
            bytes,
            types: Vec::new(),
            imports: Vec::new(),
            functions: Vec::new(),
            code: Vec::new(),
            memories: Vec::new(),
            globals: Vec::new(),
            exports: Vec::new(),
            data: Vec::new(),
        };
        let error = |error: wasmparser::BinaryReaderError| error.to_string();
        for payload in wasmparser::Parser::new(0).parse_all(bytes) {
            match payload.map_err(error)? {
                Payload::TypeSection(reader) => {
                    for ty in reader.into_iter_err_on_gc_types() {
                        let ty = ty.map_err(error)?;
                        let params = ty
                            .params()
                            .iter()
                            .map(|ty| convert_val(*ty))
                            .collect::<Result<_, _>>()?;
                        let results = ty
                            .results()
                            .iter()
                            .map(|ty| convert_val(*ty))
                            .collect::<Result<_, _>>()?;
                        library.types.push((params, results));
                    }
                }
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        let import = import.map_err(error)?;
                        match import.ty {
                            TypeRef::Func(ty) => library.imports.push((
                                import.module.to_string(),
                                import.name.to_string(),
                                ty,
                            )),
                            _ => {
                                return Err(format!(
                                    "the library imports `{}`, which is not a function",
                                    import.name
                                ))
                            }
                        }
                    }
                }
                Payload::FunctionSection(reader) => {
                    for ty in reader {
                        library.functions.push(ty.map_err(error)?);
                    }
                }
                Payload::MemorySection(reader) => {
                    for memory in reader {
                        library.memories.push(memory.map_err(error)?);
                    }
                }
                Payload::GlobalSection(reader) => {
                    for global in reader {
                        let global = global.map_err(error)?;
                        library.globals.push(RtGlobal {
                            ty: convert_val(global.ty.content_type)?,
                            mutable: global.ty.mutable,
                            init: const_value(&global.init_expr)?,
                        });
                    }
                }
                Payload::ExportSection(reader) => {
                    for export in reader {
                        let export = export.map_err(error)?;
                        library
                            .exports
                            .push((export.name.to_string(), export.kind, export.index));
                    }
                }
                Payload::CodeSectionEntry(body) => library.code.push(body.range()),
                Payload::DataSection(reader) => {
                    for data in reader {
                        let data = data.map_err(error)?;
                        match data.kind {
                            wasmparser::DataKind::Active {
                                memory_index: 0,
                                offset_expr,
                            } => {
                                let offset = match const_value(&offset_expr)? {
                                    Init::I32(offset) => offset as u32,
                                    Init::I64(_) => {
                                        return Err("a data segment has a 64-bit offset".into())
                                    }
                                };
                                library.data.push((offset, data.data.to_vec()));
                            }
                            _ => return Err("the library has a passive data segment".into()),
                        }
                    }
                }
                Payload::TableSection(_)
                | Payload::ElementSection { .. }
                | Payload::StartSection { .. } => {
                    return Err("the library has a table, element or start section, which the linker does not copy".into());
                }
                _ => {}
            }
        }
        if library.memories.len() != 1 {
            return Err(format!(
                "the library defines {} memories, not one",
                library.memories.len()
            ));
        }
        Ok(library)
    }

    /// Every function index: imports, then the library's own functions.
    pub fn function_count(&self) -> u32 {
        (self.imports.len() + self.functions.len()) as u32
    }

    pub fn global_count(&self) -> u32 {
        self.globals.len() as u32
    }

    pub fn ic0_indices(&self) -> HashMap<String, u32> {
        self.imports
            .iter()
            .enumerate()
            .filter(|(_, (module, _, _))| module == minimo_sysapi::MODULE)
            .map(|(index, (_, name, _))| (name.clone(), index as u32))
            .collect()
    }

    fn signature(&self, function: u32) -> Option<&Signature> {
        let imports = self.imports.len() as u32;
        let ty = if function < imports {
            self.imports[function as usize].2
        } else {
            *self.functions.get((function - imports) as usize)?
        };
        self.types.get(ty as usize)
    }

    fn export(&self, name: &str, kind: ExternalKind) -> Option<u32> {
        self.exports
            .iter()
            .find(|(export, export_kind, _)| export == name && *export_kind == kind)
            .map(|(_, _, index)| *index)
    }

    /// The index of a runtime function when the library exports it with the ABI's signature.
    pub fn runtime_function(&self, function: &rt_abi::RtFunction) -> Option<u32> {
        let index = self.export(function.name, ExternalKind::Func)?;
        let params: Vec<ValType> = function.params.iter().map(|ty| val_type(*ty)).collect();
        let results: Vec<ValType> = function.results.iter().map(|ty| val_type(*ty)).collect();
        (self.signature(index)? == &(params, results)).then_some(index)
    }

    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for function in rt_abi::RUNTIME_FUNCTIONS {
            if self.runtime_function(function).is_none() {
                match self.export(function.name, ExternalKind::Func) {
                    Some(_) => problems.push(format!(
                        "`{}` has another signature than rt_abi says",
                        function.name
                    )),
                    None => problems.push(format!("`{}` is missing", function.name)),
                }
            }
        }
        for global in [HEAP_POINTER, TRAP_LOC] {
            if self.export(global, ExternalKind::Global).is_none() {
                problems.push(format!("the global `{global}` is not exported"));
            }
        }
        problems
    }

    /// The index of the `rt_trap_loc` global (0 when the library lacks it: `problems` says so).
    pub fn trap_loc_global(&self) -> u32 {
        self.export(TRAP_LOC, ExternalKind::Global).unwrap_or(0)
    }

    /// The first address above the library's data and its initial heap pointer, where the
    /// code generator's statics start.
    pub fn static_base(&self) -> u32 {
        let data_end = self
            .data
            .iter()
            .map(|(offset, bytes)| offset + bytes.len() as u32)
            .max()
            .unwrap_or(0);
        let heap_start = match self.export(HEAP_POINTER, ExternalKind::Global) {
            Some(index) => match self.globals.get(index as usize).map(|global| global.init) {
                Some(Init::I32(value)) => value as u32,
                _ => 0,
            },
            None => 0,
        };
        // Address 0 stays unused so that no object is confused with unit.
        align(data_end.max(heap_start).max(16), 16)
    }
}

fn align(value: u32, to: u32) -> u32 {
    value.div_ceil(to) * to
}

/// Writes the final module.
pub(crate) fn assemble(
    library: &RuntimeLibrary,
    module: ModuleBuilder,
    metadata: &Metadata,
) -> Vec<u8> {
    let mut out = Module::new();

    let mut types = TypeSection::new();
    for (params, results) in &module.types {
        types
            .ty()
            .function(params.iter().copied(), results.iter().copied());
    }
    out.section(&types);

    let mut imports = ImportSection::new();
    for (module_name, name, ty) in &library.imports {
        imports.import(module_name, name, EntityType::Function(*ty));
    }
    out.section(&imports);

    let mut functions = FunctionSection::new();
    for ty in &library.functions {
        functions.function(*ty);
    }
    for generated in &module.funcs {
        functions.function(generated.type_index);
    }
    out.section(&functions);

    // The closure table: filled once by the element segment below and never written, so
    // instances of one module always agree on it (see `rt_abi`).
    if !module.table.is_empty() {
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: module.table.len() as u64,
            maximum: Some(module.table.len() as u64),
            shared: false,
        });
        out.section(&tables);
    }

    // The heap starts above the statics; memory grows at start-up if they need more pages.
    let heap_start = align(module.statics.end(), 16);
    let memory = &library.memories[0];
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: memory.initial.max(u64::from(heap_start).div_ceil(65536)),
        maximum: memory.maximum,
        memory64: memory.memory64,
        shared: memory.shared,
        page_size_log2: memory.page_size_log2,
    });
    out.section(&memories);

    let heap_pointer = library.export(HEAP_POINTER, ExternalKind::Global);
    let mut globals = GlobalSection::new();
    for (index, global) in library.globals.iter().enumerate() {
        let init = if Some(index as u32) == heap_pointer {
            ConstExpr::i32_const(heap_start as i32)
        } else {
            match global.init {
                Init::I32(value) => ConstExpr::i32_const(value),
                Init::I64(value) => ConstExpr::i64_const(value),
            }
        };
        let ty = GlobalType {
            val_type: global.ty,
            mutable: global.mutable,
            shared: false,
        };
        globals.global(ty, &init);
    }
    for _ in &module.globals {
        let ty = GlobalType {
            val_type: ValType::I32,
            mutable: true,
            shared: false,
        };
        globals.global(ty, &ConstExpr::i32_const(0));
    }
    out.section(&globals);

    let mut exports = ExportSection::new();
    for (name, kind, index) in &library.exports {
        match kind {
            ExternalKind::Memory => {
                exports.export(name, ExportKind::Memory, *index);
            }
            ExternalKind::Global => {
                exports.export(name, ExportKind::Global, *index);
            }
            _ => {}
        }
    }
    for (index, global) in module.globals.iter().enumerate() {
        exports.export(
            &global.export,
            ExportKind::Global,
            module.first_global + index as u32,
        );
    }
    for (name, index) in &module.exports {
        exports.export(name, ExportKind::Func, *index);
    }
    out.section(&exports);

    if !module.table.is_empty() {
        let mut elements = ElementSection::new();
        elements.active(
            None,
            &ConstExpr::i32_const(0),
            Elements::Functions(module.table.as_slice().into()),
        );
        out.section(&elements);
    }

    let mut code = CodeSection::new();
    for range in &library.code {
        code.raw(&library.bytes[range.clone()]);
    }
    for generated in &module.funcs {
        match &generated.body {
            Some(body) => {
                code.function(body);
            }
            // Every reserved function is defined before assembly. Were one not, it gets an
            // empty body, which validation rejects for any function with a result.
            None => {
                code.raw(&[0x00, 0x0b]);
            }
        }
    }
    out.section(&code);

    let mut data = DataSection::new();
    for (offset, bytes) in &library.data {
        data.active(
            0,
            &ConstExpr::i32_const(*offset as i32),
            bytes.iter().copied(),
        );
    }
    if !module.statics.data().is_empty() {
        data.active(
            0,
            &ConstExpr::i32_const(module.statics.base() as i32),
            module.statics.data().iter().copied(),
        );
    }
    out.section(&data);

    out.section(&CustomSection {
        name: "icp:public candid:service".into(),
        data: metadata.candid_service.as_bytes().into(),
    });
    out.section(&CustomSection {
        name: "icp:private motoko:stable-types".into(),
        data: metadata.stable_types.as_bytes().into(),
    });
    out.section(&names(library, &module));
    out.finish()
}

/// The `name` section: every function named, so traps and disassembly read well.
fn names(library: &RuntimeLibrary, module: &ModuleBuilder) -> NameSection {
    let mut functions = NameMap::new();
    for (index, (_, name, _)) in library.imports.iter().enumerate() {
        functions.append(index as u32, &format!("ic0.{name}"));
    }
    let mut exported: Vec<(u32, &str)> = library
        .exports
        .iter()
        .filter(|(_, kind, _)| *kind == ExternalKind::Func)
        .map(|(name, _, index)| (*index, name.as_str()))
        .filter(|(index, _)| *index >= library.imports.len() as u32)
        .collect();
    exported.sort();
    exported.dedup_by_key(|(index, _)| *index);
    for (index, name) in exported {
        functions.append(index, name);
    }
    for (index, generated) in module.funcs.iter().enumerate() {
        functions.append(module.first_generated + index as u32, &generated.name);
    }
    let mut section = NameSection::new();
    section.functions(&functions);
    section
}
