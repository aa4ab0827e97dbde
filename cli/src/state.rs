//! Where the local state directory is: `--state DIR`, else `$MINIMO_STATE`, else `.minimo`.

use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Location {
    pub path: PathBuf,
}

impl Location {
    pub fn resolve(flag: Option<PathBuf>) -> Location {
        let path = flag
            .or_else(|| std::env::var_os("MINIMO_STATE").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from(".minimo"));
        Location { path }
    }
}
