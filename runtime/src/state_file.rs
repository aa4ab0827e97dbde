//! The two file formats of the state directory, each ending in a SHA-256 of its content so that
//! a truncated or damaged file is detected when read.
//!
//! A *pages file* holds a memory sparsely: a header (`minimo pages 1\n`, the memory's size in
//! 64 KiB pages, the number of stored pages), then each stored page as its index and its 65,536
//! bytes (little-endian integers throughout), then the digest. Pages not stored are zero. A *text
//! file* is UTF-8 lines followed by a line `sha256 <hex>` over the lines before it. Writers flush
//! to the device (`sync_all`) before returning. This file does not open files, decide their
//! names, limits or the commit protocol; `state_dir.rs` and `state_fs.rs` do.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};

use sha2::{Digest, Sha256};

use crate::engine::hex;
use crate::stable_memory::{Page, PageIndex, PAGE_SIZE};

const PAGES_MAGIC: &[u8; 15] = b"minimo pages 1\n";

/// A sparse memory as read from a pages file.
pub(crate) struct Pages {
    pub(crate) size_pages: u64,
    pub(crate) pages: BTreeMap<PageIndex, Page>,
}

/// Writes a pages file holding the given pages of a memory of `size_pages` pages.
pub(crate) fn write_pages<'a>(
    file: File,
    size_pages: u64,
    pages: impl Iterator<Item = (PageIndex, &'a [u8])> + Clone,
) -> io::Result<()> {
    let mut out = HashingWriter {
        inner: BufWriter::new(file),
        digest: Sha256::new(),
    };
    out.write_all(PAGES_MAGIC)?;
    out.write_all(&size_pages.to_le_bytes())?;
    out.write_all(&(pages.clone().count() as u64).to_le_bytes())?;
    for (index, page) in pages {
        out.write_all(&index.0.to_le_bytes())?;
        out.write_all(page)?;
    }
    let digest = out.digest.finalize();
    let mut inner = out.inner;
    inner.write_all(&digest)?;
    let file = inner.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()
}

/// The length of a pages file holding `count` pages.
pub(crate) fn pages_file_len(count: u64) -> Option<u64> {
    count
        .checked_mul(8 + PAGE_SIZE)
        .and_then(|n| n.checked_add(15 + 8 + 8 + 32))
}

/// Reads a pages file of `length` bytes (its length by metadata) holding a memory of at most
/// `max_pages` pages; the error says what is wrong with it (the caller names the file).
pub(crate) fn read_pages(file: File, length: u64, max_pages: u64) -> Result<Pages, String> {
    let mut input = HashingReader {
        // Never more than the metadata promised, even if the file grows meanwhile.
        inner: BufReader::new(file.take(length)),
        digest: Sha256::new(),
    };
    let truncated = |e: io::Error| match e.kind() {
        io::ErrorKind::UnexpectedEof => "the file is truncated".to_string(),
        _ => e.to_string(),
    };
    let mut magic = [0u8; 15];
    input.read_exact(&mut magic).map_err(truncated)?;
    if &magic != PAGES_MAGIC {
        return Err("the file is not a minimo pages file (version 1)".to_string());
    }
    let size_pages = read_u64(&mut input).map_err(truncated)?;
    let count = read_u64(&mut input).map_err(truncated)?;
    // Check the sizes before reading, so that a damaged header cannot make us allocate wildly.
    if size_pages > max_pages {
        return Err(format!(
            "the memory of {size_pages} pages exceeds the VM's limit of {max_pages} pages"
        ));
    }
    if pages_file_len(count) != Some(length) {
        return Err(format!(
            "the file is {length} bytes long, but its header announces {count} pages"
        ));
    }
    let mut pages = BTreeMap::new();
    for _ in 0..count {
        let index = read_u64(&mut input).map_err(truncated)?;
        if index >= size_pages {
            return Err(format!(
                "page {index} lies beyond the memory's size of {size_pages} pages"
            ));
        }
        let mut page = vec![0u8; PAGE_SIZE as usize].into_boxed_slice();
        input.read_exact(&mut page).map_err(truncated)?;
        pages.insert(PageIndex(index), page);
    }
    let computed = input.digest.finalize();
    let mut stored = [0u8; 32];
    input.inner.read_exact(&mut stored).map_err(truncated)?;
    if computed[..] != stored[..] {
        return Err("the file's checksum does not match its content".to_string());
    }
    Ok(Pages { size_pages, pages })
}

fn read_u64(input: &mut impl Read) -> io::Result<u64> {
    let mut bytes = [0u8; 8];
    input.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

/// Writes a text file with its checksum line.
pub(crate) fn write_text(mut file: File, body: &str) -> io::Result<()> {
    let digest = hex(&Sha256::digest(body.as_bytes()));
    file.write_all(body.as_bytes())?;
    file.write_all(format!("sha256 {digest}\n").as_bytes())?;
    file.sync_all()
}

/// Checks a text file's checksum line; returns the lines before it.
pub(crate) fn read_text(bytes: Vec<u8>) -> Result<String, String> {
    let text = String::from_utf8(bytes).map_err(|_| "the file is not UTF-8".to_string())?;
    let body_end = text.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
    let (body, last) = text.split_at(body_end);
    let stored = last
        .trim_end()
        .strip_prefix("sha256 ")
        .ok_or_else(|| "the file is truncated (its checksum line is missing)".to_string())?;
    if stored != hex(&Sha256::digest(body.as_bytes())) {
        return Err("the file's checksum does not match its content".to_string());
    }
    Ok(body.to_string())
}

struct HashingWriter<W> {
    inner: W,
    digest: Sha256,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

struct HashingReader<R> {
    inner: R,
    digest: Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}
