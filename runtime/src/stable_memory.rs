//! A canister's stable memory: sparse 64 KiB pages with an undo journal.
//!
//! Only pages that were written are stored; a page never written reads as zeroes, so growing
//! stable memory to a gigabyte costs nothing until it is used. A message opens a journal with
//! [`StableMemory::begin`]; the first write to a page in that message saves the page's old
//! content, so rolling back costs as much as the message touched. This file knows nothing about
//! Wasm or the System API's contexts; `host.rs` translates calls into these operations.

use std::collections::{BTreeMap, HashMap};

/// The size of a stable memory page (and of a Wasm page): 64 KiB.
pub const PAGE_SIZE: u64 = 65536;

/// One stored page.
pub(crate) type Page = Box<[u8]>;

/// The index of a 64 KiB page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PageIndex(pub(crate) u64);

/// Stable memory: a size in pages and the pages written so far.
#[derive(Debug, Default)]
pub(crate) struct StableMemory {
    size_pages: u64,
    pages: BTreeMap<PageIndex, Page>,
    journal: Option<Journal>,
}

/// What a message changed, to undo it: the size before the message and the old content of every
/// page it wrote (`None` for a page that was not stored).
#[derive(Debug)]
struct Journal {
    size_pages: u64,
    saved: HashMap<PageIndex, Option<Page>>,
}

/// A stable memory operation outside the current size.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct OutOfBounds;

impl StableMemory {
    /// Builds stable memory from stored pages, e.g. when loading a canister from disk.
    pub(crate) fn from_pages(size_pages: u64, pages: BTreeMap<PageIndex, Page>) -> StableMemory {
        StableMemory {
            size_pages,
            pages,
            journal: None,
        }
    }

    pub(crate) fn size_pages(&self) -> u64 {
        self.size_pages
    }

    /// The stored pages that hold a non-zero byte, in order.
    pub(crate) fn nonzero_pages(&self) -> impl Iterator<Item = (PageIndex, &[u8])> + Clone {
        self.pages
            .iter()
            .filter(|(_, page)| page.iter().any(|&b| b != 0))
            .map(|(index, page)| (*index, &page[..]))
    }

    /// Grows by `delta` pages unless that passes `limit_pages`; returns the old size in pages.
    pub(crate) fn grow(&mut self, delta: u64, limit_pages: u64) -> Option<u64> {
        let old = self.size_pages;
        let new = old.checked_add(delta).filter(|&new| new <= limit_pages)?;
        self.size_pages = new;
        Some(old)
    }

    fn check(&self, offset: u64, len: u64) -> Result<(), OutOfBounds> {
        let end = offset.checked_add(len).ok_or(OutOfBounds)?;
        if end > self.size_pages.saturating_mul(PAGE_SIZE) {
            return Err(OutOfBounds);
        }
        Ok(())
    }

    /// Copies `out.len()` bytes starting at `offset` into `out`.
    pub(crate) fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), OutOfBounds> {
        self.check(offset, out.len() as u64)?;
        let mut done = 0usize;
        while done < out.len() {
            let at = offset + done as u64;
            let (index, within) = (PageIndex(at / PAGE_SIZE), (at % PAGE_SIZE) as usize);
            let n = (PAGE_SIZE as usize - within).min(out.len() - done);
            match self.pages.get(&index) {
                Some(page) => out[done..done + n].copy_from_slice(&page[within..within + n]),
                None => out[done..done + n].fill(0),
            }
            done += n;
        }
        Ok(())
    }

    /// Writes `data` starting at `offset`.
    pub(crate) fn write(&mut self, offset: u64, data: &[u8]) -> Result<(), OutOfBounds> {
        self.check(offset, data.len() as u64)?;
        let mut done = 0usize;
        while done < data.len() {
            let at = offset + done as u64;
            let (index, within) = (PageIndex(at / PAGE_SIZE), (at % PAGE_SIZE) as usize);
            let n = (PAGE_SIZE as usize - within).min(data.len() - done);
            if let Some(journal) = &mut self.journal {
                journal
                    .saved
                    .entry(index)
                    .or_insert_with(|| self.pages.get(&index).cloned());
            }
            let page = self
                .pages
                .entry(index)
                .or_insert_with(|| vec![0u8; PAGE_SIZE as usize].into_boxed_slice());
            page[within..within + n].copy_from_slice(&data[done..done + n]);
            done += n;
        }
        Ok(())
    }

    /// Starts recording changes so that [`StableMemory::rollback`] can undo them. A journal that
    /// is already open is kept: the changes then roll back to its start.
    pub(crate) fn begin(&mut self) {
        if self.journal.is_none() {
            self.journal = Some(Journal {
                size_pages: self.size_pages,
                saved: HashMap::new(),
            });
        }
    }

    /// Keeps every change since [`StableMemory::begin`].
    pub(crate) fn commit(&mut self) {
        self.journal = None;
    }

    /// Undoes every change since [`StableMemory::begin`].
    pub(crate) fn rollback(&mut self) {
        if let Some(journal) = self.journal.take() {
            self.size_pages = journal.size_pages;
            for (index, old) in journal.saved {
                match old {
                    Some(page) => {
                        self.pages.insert(index, page);
                    }
                    None => {
                        self.pages.remove(&index);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwritten_pages_read_as_zero_and_are_not_stored() {
        let mut memory = StableMemory::default();
        assert_eq!(memory.grow(16384, u64::MAX), Some(0));
        let mut out = [1u8; 8];
        memory.read(PAGE_SIZE * 1000, &mut out).expect("in bounds");
        assert_eq!(out, [0; 8]);
        assert_eq!(memory.pages.len(), 0);
    }

    #[test]
    fn writes_across_a_page_boundary_read_back() {
        let mut memory = StableMemory::default();
        memory.grow(2, 10);
        memory.write(PAGE_SIZE - 2, b"abcd").expect("in bounds");
        let mut out = [0u8; 4];
        memory.read(PAGE_SIZE - 2, &mut out).expect("in bounds");
        assert_eq!(&out, b"abcd");
    }

    #[test]
    fn out_of_bounds_access_is_an_error() {
        let mut memory = StableMemory::default();
        memory.grow(1, 10);
        assert_eq!(memory.write(PAGE_SIZE - 1, b"ab"), Err(OutOfBounds));
        assert_eq!(memory.read(u64::MAX, &mut [0u8; 2]), Err(OutOfBounds));
    }

    #[test]
    fn growing_past_the_limit_fails() {
        let mut memory = StableMemory::default();
        assert_eq!(memory.grow(3, 2), None);
        assert_eq!(memory.grow(u64::MAX, u64::MAX), Some(0));
        assert_eq!(memory.grow(1, u64::MAX), None);
    }

    #[test]
    fn rollback_restores_size_and_content() {
        let mut memory = StableMemory::default();
        memory.grow(1, 10);
        memory.write(0, b"old").expect("in bounds");
        memory.begin();
        memory.grow(2, 10);
        memory.write(0, b"new").expect("in bounds");
        memory.write(PAGE_SIZE * 2, b"x").expect("in bounds");
        memory.rollback();
        assert_eq!(memory.size_pages(), 1);
        let mut out = [0u8; 3];
        memory.read(0, &mut out).expect("in bounds");
        assert_eq!(&out, b"old");
        assert_eq!(memory.pages.len(), 1);
    }
}
