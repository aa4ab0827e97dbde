//! The canister property: any argument bytes sent to a method of a compiled canister end in a
//! reply, a reject or an error with the Internet Computer's code, never a panic of the VM; a
//! failed message and every query leave the canister exactly as before (its
//! [`Canister::fingerprint`]); and a well-formed argument gets a reply. For the echo fixture,
//! whose methods reply with their argument, the reply must also decode to the value sent.
//!
//! The fixtures are actors from `examples/`, the compiler's test programs and the upgrade
//! scenarios, plus `fixtures/echo.mo` (one echo method per kind of Candid value), compiled
//! once. Each input installs one fixture afresh and sends it up to [`MAX_MESSAGES`] messages,
//! so a finding reproduces from its input alone. Budgets are far below the Internet
//! Computer's, so that a message that runs long ends in an error within a second or so.

use candid::types::value::{IDLArgs, IDLValue};
use candid::types::{FuncMode, Function, TypeEnv};
use candid_parser::utils::CandidSource;
use minimo_compiler::codegen;
use minimo_runtime::{Canister, ErrorCode, Limits, Options, Outcome, Response, Vm};

use arbitrary::Unstructured;

use crate::{candid_values, Verdict};

/// Messages per input.
pub const MAX_MESSAGES: usize = 4;
/// The longest raw argument sent.
const MAX_RAW_ARGUMENT: usize = 512;
/// The id every fixture is installed under (the first canister of a local replica).
const ID: &str = "rwlgt-iiaaa-aaaaa-aaaaa-cai";
/// What a trap says when the generated decoder refuses an argument.
const DECODING_ERROR: &str = "Candid decoding error";

/// One compiled actor and its methods, read from its own Candid service.
pub struct Fixture {
    pub name: &'static str,
    pub wasm: Vec<u8>,
    pub env: TypeEnv,
    pub methods: Vec<Method>,
    /// Every method replies with its argument (and none traps on a well-formed one).
    pub echoes: bool,
}

pub struct Method {
    pub name: String,
    pub function: Function,
    pub query: bool,
}

/// The fixtures and the VM they run on.
pub struct Fixtures {
    pub vm: Vm,
    pub all: Vec<Fixture>,
}

/// The fixture sources: (name, source, whether every method echoes).
const SOURCES: &[(&str, &str, bool)] = &[
    ("echo", include_str!("../fixtures/echo.mo"), true),
    (
        "counter",
        include_str!("../../examples/counter/counter.mo"),
        false,
    ),
    (
        "stable_registry",
        include_str!("../../examples/registry/stable_registry.mo"),
        false,
    ),
    (
        "registry_actor",
        include_str!("../../examples/registry/registry_actor.mo"),
        false,
    ),
    (
        "records_variants",
        include_str!("../../compiler/tests/programs/check/records_variants.mo"),
        false,
    ),
    (
        "options_patterns",
        include_str!("../../compiler/tests/programs/check/options_patterns.mo"),
        false,
    ),
    (
        "text_and_bool",
        include_str!("../../compiler/tests/programs/check/text_and_bool.mo"),
        false,
    ),
    (
        "arithmetic",
        include_str!("../../compiler/tests/programs/check/arithmetic.mo"),
        false,
    ),
    (
        "generic_recursive",
        include_str!("../../compiler/tests/programs/check/generic_recursive.mo"),
        false,
    ),
    (
        "throw_rejects",
        include_str!("../../cli/tests/upgrade/throw_rejects_and_keeps_state/v1.mo"),
        false,
    ),
];

/// A VM whose budgets end a long message quickly, with room for every fixture.
pub fn fuzz_vm() -> Vm {
    let limits = Limits {
        update_instructions: 200_000_000,
        query_instructions: 200_000_000,
        install_instructions: 2_000_000_000,
        upgrade_instructions: 2_000_000_000,
        stable_memory_bytes: 1 << 30,
        heap_bytes: 1 << 30,
        ..Limits::default()
    };
    Vm::new(Options {
        limits,
        ..Options::default()
    })
    .expect("the VM starts")
}

impl Fixtures {
    /// Compiles every fixture (a second or so in a debug build).
    pub fn new() -> Fixtures {
        Fixtures::only(&[])
    }

    /// Compiles the fixtures with these names (all of them when `names` is empty).
    pub fn only(names: &[&str]) -> Fixtures {
        let all = SOURCES
            .iter()
            .filter(|(name, _, _)| names.is_empty() || names.contains(name))
            .map(|&(name, source, echoes)| Fixture::compile(name, source, echoes))
            .collect();
        Fixtures { vm: fuzz_vm(), all }
    }
}

impl Default for Fixtures {
    fn default() -> Fixtures {
        Fixtures::new()
    }
}

impl Fixture {
    fn compile(name: &'static str, source: &str, echoes: bool) -> Fixture {
        let compiled = minimo_compiler::compile(name, source, &codegen::Options::default())
            .unwrap_or_else(|errors| {
                panic!(
                    "fixture {name} does not compile:\n{}",
                    minimo_compiler::render(&errors, name, source)
                )
            });
        let (env, service) = CandidSource::Text(&compiled.candid)
            .load()
            .expect("a fixture's Candid service parses");
        let service = service.expect("a fixture is an actor");
        let methods = env
            .as_service(&service)
            .expect("the service is a service")
            .iter()
            .map(|(name, ty)| {
                let function = env.as_func(ty).expect("a method is a function").clone();
                let query = function.modes.contains(&FuncMode::Query);
                Method {
                    name: name.clone(),
                    function,
                    query,
                }
            })
            .collect();
        Fixture {
            name,
            wasm: compiled.wasm,
            env,
            methods,
            echoes,
        }
    }
}

/// How an input shapes one argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Bytes as they come.
    Raw,
    /// `DIDL` and then bytes as they come.
    Magic,
    /// A value of the method's own argument types.
    WellFormed,
    /// A well-formed argument with some bytes changed, cut or added.
    Mutated,
    /// A value of another method's argument types.
    OtherMethods,
}

/// Checks the canister property on the messages that `data` describes.
pub fn check_messages(fixtures: &Fixtures, data: &[u8]) -> Verdict {
    let mut u = Unstructured::new(data);
    let Ok(index) = u.choose_index(fixtures.all.len()) else {
        return Ok(());
    };
    let fixture = &fixtures.all[index];
    let vm = &fixtures.vm;
    let (installed, _) = Canister::install(vm, ID, &fixture.wasm, b"DIDL\x00\x00");
    let mut canister = installed
        .map_err(|error| format!("fixture {} does not install: {error:?}", fixture.name))?;
    for _ in 0..MAX_MESSAGES {
        if u.is_empty() {
            break;
        }
        let Ok(message) = next_message(&mut u, fixture) else {
            break;
        };
        let before = canister.fingerprint();
        let outcome = if message.as_query {
            canister.query(vm, &message.method.name, &message.bytes)
        } else {
            canister.update(vm, &message.method.name, &message.bytes)
        };
        let what = format!(
            "{} {} of fixture {} with argument {:02x?} ({:?})",
            if message.as_query { "query" } else { "update" },
            message.method.name,
            fixture.name,
            message.bytes,
            message.shape
        );
        answered(fixture, &message, &outcome).map_err(|why| format!("{what}: {why}"))?;
        let failed = outcome.result.is_err();
        if (failed || message.as_query) && canister.fingerprint() != before {
            return Err(format!(
                "{what}: the canister changed although the message {} ({:?})",
                if failed { "failed" } else { "was a query" },
                outcome.result
            ));
        }
    }
    Ok(())
}

struct Message<'f> {
    method: &'f Method,
    as_query: bool,
    shape: Shape,
    bytes: Vec<u8>,
    /// The value sent, for a well-formed argument.
    sent: Option<IDLArgs>,
}

fn next_message<'f>(u: &mut Unstructured, fixture: &'f Fixture) -> arbitrary::Result<Message<'f>> {
    let method = &fixture.methods[u.choose_index(fixture.methods.len())?];
    // Now and then the wrong kind of call, which must be refused as "no such method".
    let as_query = if u.ratio(15, 16)? {
        method.query
    } else {
        !method.query
    };
    let shape = match u.int_in_range(0..=9u8)? {
        0 => Shape::Raw,
        1 => Shape::Magic,
        2..=5 => Shape::WellFormed,
        6..=8 => Shape::Mutated,
        _ => Shape::OtherMethods,
    };
    let (bytes, sent) = match shape {
        Shape::Raw | Shape::Magic => {
            let length = u.int_in_range(0..=MAX_RAW_ARGUMENT)?;
            let mut bytes = if shape == Shape::Magic {
                b"DIDL".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend_from_slice(u.bytes(length.min(u.len()))?);
            (bytes, None)
        }
        Shape::WellFormed | Shape::Mutated | Shape::OtherMethods => {
            let types = if shape == Shape::OtherMethods {
                &fixture.methods[u.choose_index(fixture.methods.len())?]
                    .function
                    .args
            } else {
                &method.function.args
            };
            let args = IDLArgs::new(&candid_values::arguments(u, &fixture.env, types)?);
            let mut bytes = args
                .to_bytes_with_types(&fixture.env, types)
                .map_err(|_| arbitrary::Error::IncorrectFormat)?;
            if shape == Shape::Mutated {
                mutate(u, &mut bytes)?;
            }
            (bytes, (shape == Shape::WellFormed).then_some(args))
        }
    };
    Ok(Message {
        method,
        as_query,
        shape,
        bytes,
        sent,
    })
}

/// Changes, cuts or extends an encoded argument a little.
fn mutate(u: &mut Unstructured, bytes: &mut Vec<u8>) -> arbitrary::Result<()> {
    for _ in 0..u.int_in_range(1..=4u8)? {
        let at = if bytes.is_empty() {
            0
        } else {
            u.choose_index(bytes.len())?
        };
        match u.int_in_range(0..=3u8)? {
            0 if !bytes.is_empty() => bytes[at] = u.arbitrary()?,
            1 => bytes.truncate(at),
            2 => bytes.insert(at, u.arbitrary()?),
            _ if !bytes.is_empty() => bytes[at] ^= 1 << u.int_in_range(0..=7u8)?,
            _ => bytes.push(u.arbitrary()?),
        }
    }
    Ok(())
}

/// Whether the outcome is one the message may have.
fn answered(fixture: &Fixture, message: &Message, outcome: &Outcome) -> Verdict {
    if message.as_query != message.method.query {
        return match &outcome.result {
            Err(error) if error.code == ErrorCode::CanisterMethodNotFound => Ok(()),
            other => Err(format!("the wrong kind of call was not refused: {other:?}")),
        };
    }
    match &outcome.result {
        Ok(Response::Reply(reply)) => match &message.sent {
            Some(sent) if fixture.echoes => echoed(fixture, message.method, sent, reply),
            _ => Ok(()),
        },
        Ok(Response::Reject(_)) => Ok(()),
        Err(error) => {
            if message.sent.is_some() && (fixture.echoes || error.message.contains(DECODING_ERROR))
            {
                return Err(format!(
                    "a well-formed argument was refused: {} {}",
                    error.code, error.message
                ));
            }
            match error.code {
                // A trap by the canister's own code (a decoding error, an assertion, ...) and
                // the instruction limit are what a bad argument may cause.
                ErrorCode::CanisterCalledTrap | ErrorCode::CanisterInstructionLimitExceeded => {
                    Ok(())
                }
                _ => Err(format!(
                    "the message ended in {} ({}), not a trap of the canister's own",
                    error.code, error.message
                )),
            }
        }
    }
}

/// An echo method's reply decodes, at the method's result types, to the value sent: compared
/// as both values re-encode at those types, so that `vec nat8` and `blob` or field order in
/// the wire's type table do not matter.
fn echoed(fixture: &Fixture, method: &Method, sent: &IDLArgs, reply: &[u8]) -> Verdict {
    let rets = &method.function.rets;
    let decoded = IDLArgs::from_bytes_with_types(reply, &fixture.env, rets)
        .map_err(|error| format!("the reply {reply:02x?} does not decode: {error}"))?;
    if method.function.args != *rets {
        return Ok(());
    }
    let expected = sent.to_bytes_with_types(&fixture.env, rets);
    let got = decoded.to_bytes_with_types(&fixture.env, rets);
    match (expected, got) {
        (Ok(expected), Ok(got)) if expected == got => Ok(()),
        (Ok(_), Ok(_)) => Err(format!(
            "the echo replied {} to {}",
            show(&decoded.args),
            show(&sent.args)
        )),
        (Err(error), _) | (_, Err(error)) => Err(format!("cannot re-encode: {error}")),
    }
}

fn show(values: &[IDLValue]) -> String {
    IDLArgs::new(values).to_string()
}
