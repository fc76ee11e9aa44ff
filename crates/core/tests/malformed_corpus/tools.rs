//! Small tools: a seeded PRNG, FNV-1a, big-endian fields, the page structure of a file.

use crate::*;

/// xorshift64*: tiny, seeded, good enough to pick offsets.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn range(&mut self, r: Range<usize>) -> usize {
        r.start + self.below(r.end - r.start)
    }

    pub(crate) fn byte(&mut self) -> u8 {
        (self.next() >> 56) as u8
    }

    /// A non-zero XOR mask, so a flip always changes the byte.
    pub(crate) fn flip(&mut self) -> u8 {
        1 + self.below(255) as u8
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.byte()).collect()
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

pub(crate) fn be16(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_be_bytes([b[at], b[at + 1]]))
}

pub(crate) fn be32(b: &[u8], at: usize) -> usize {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

pub(crate) fn put32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

pub(crate) fn page_size_of(b: &[u8]) -> usize {
    match be16(b, 16) {
        1 => 65536,
        n => n,
    }
}

/// Where page `pgno` (1-based) starts, and where its b-tree header starts.
pub(crate) fn page_at(ps: usize, pgno: usize) -> (usize, usize) {
    let start = (pgno - 1) * ps;
    (start, if pgno == 1 { start + 100 } else { start })
}

pub(crate) fn is_btree_page(b: &[u8], ps: usize, pgno: usize) -> bool {
    matches!(b[page_at(ps, pgno).1], 2 | 5 | 10 | 13)
}

pub(crate) fn btree_pages(b: &[u8]) -> Vec<usize> {
    let ps = page_size_of(b);
    (1..=b.len() / ps)
        .filter(|&p| is_btree_page(b, ps, p))
        .collect()
}

/// The byte ranges of a b-tree page that SQLite actually reads: the page header with its cell
/// pointer array, and the cell content area. (Flipping bytes in the unused gap between them
/// tests nothing.)
pub(crate) fn used_ranges(b: &[u8], pgno: usize) -> Vec<Range<usize>> {
    let ps = page_size_of(b);
    let (start, hdr) = page_at(ps, pgno);
    let end = start + ps;
    let header_len = if matches!(b[hdr], 2 | 5) { 12 } else { 8 };
    let cells = be16(b, hdr + 3);
    let content = match be16(b, hdr + 5) {
        0 => 65536,
        n => n,
    };
    let head = hdr..(hdr + header_len + 2 * cells).min(end);
    let body = (start + content).min(end)..end;
    [head, body].into_iter().filter(|r| !r.is_empty()).collect()
}

pub(crate) fn random_offset_in(rng: &mut Rng, ranges: &[Range<usize>]) -> usize {
    let total: usize = ranges.iter().map(ExactSizeIterator::len).sum();
    let mut at = rng.below(total);
    for r in ranges {
        if at < r.len() {
            return r.start + at;
        }
        at -= r.len();
    }
    unreachable!("the offset is inside one of the ranges")
}

/// Trunk and leaf pages of the freelist, as the header and trunk pages say.
pub(crate) fn freelist_pages(b: &[u8]) -> Vec<usize> {
    let ps = page_size_of(b);
    let pages = b.len() / ps;
    let mut out = Vec::new();
    let mut trunk = be32(b, 32);
    while trunk != 0 && trunk <= pages && !out.contains(&trunk) {
        out.push(trunk);
        let at = (trunk - 1) * ps;
        let leaves = be32(b, at + 4).min(ps / 4 - 2);
        for i in 0..leaves {
            let leaf = be32(b, at + 8 + 4 * i);
            if leaf != 0 && leaf <= pages {
                out.push(leaf);
            }
        }
        trunk = be32(b, at);
    }
    out
}

/// Pages that are neither b-tree pages nor on the freelist: overflow pages, here.
pub(crate) fn overflow_pages(b: &[u8]) -> Vec<usize> {
    let ps = page_size_of(b);
    let free = freelist_pages(b);
    (2..=b.len() / ps)
        .filter(|&p| !is_btree_page(b, ps, p) && !free.contains(&p))
        .collect()
}

pub(crate) fn swap_pages(b: &mut [u8], ps: usize, x: usize, y: usize) {
    let (x0, y0) = ((x - 1) * ps, (y - 1) * ps);
    for i in 0..ps {
        b.swap(x0 + i, y0 + i);
    }
}
