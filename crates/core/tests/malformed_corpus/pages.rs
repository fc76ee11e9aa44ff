//! Generators that damage the bytes: truncations, header bytes, page flips, zeroed and misplaced pages.

use crate::*;

/// Cut short at every page boundary (and one byte either side), at every length up to the
/// header's 100 bytes, and at random points.
pub(crate) fn truncations(c: &mut Corpus, base: &[u8]) {
    let f = "truncate_page_boundary";
    let pages = base.len() / PAGE;
    for k in 0..pages {
        let len = k * PAGE;
        let expect = if k == 0 {
            Expect::Both("not_sqlite")
        } else {
            Expect::Refused
        };
        c.bytes(
            f,
            format!("cut to {len} bytes: page boundary {k} of {pages}"),
            &base[..len],
            expect,
        );
        if k > 0 {
            for len in [len - 1, len + 1] {
                c.bytes(
                    f,
                    format!("cut to {len} bytes: one byte off boundary {k}"),
                    &base[..len],
                    Expect::Both("corrupt"),
                );
            }
        }
    }

    let f = "truncate_random";
    let mut rng = c.rng(f);
    for len in 0..=100 {
        let expect = if len < 100 {
            Expect::Both("not_sqlite")
        } else {
            Expect::Both("corrupt")
        };
        c.bytes(f, format!("cut to {len} bytes"), &base[..len], expect);
    }
    for _ in 0..150 {
        let len = rng.range(101..base.len());
        let expect = if len.is_multiple_of(PAGE) {
            Expect::Refused
        } else {
            Expect::Both("corrupt")
        };
        c.bytes(f, format!("cut to {len} bytes"), &base[..len], expect);
    }
}

/// What a damaged header must give, whatever else is wrong: the magic is checked first, then
/// the application id.
pub(crate) fn header_expect(offsets: &[usize]) -> Expect {
    if offsets.iter().any(|o| *o < 16) {
        Expect::Both("not_sqlite")
    } else if offsets.iter().any(|o| (68..72).contains(o)) {
        Expect::Both("not_planbook")
    } else {
        Expect::Any
    }
}

/// Every header byte changed on its own (flipped, zeroed, all ones), then several at once.
pub(crate) fn header_bytes(c: &mut Corpus, base: &[u8]) {
    let f = "header_byte_single";
    let mut rng = c.rng(f);
    for off in 0..100 {
        let orig = base[off];
        let mut values = vec![orig ^ rng.flip()];
        for v in [0x00, 0xFF] {
            if v != orig && !values.contains(&v) {
                values.push(v);
            }
        }
        for v in values {
            let mut b = base.to_vec();
            b[off] = v;
            c.bytes(
                f,
                format!("header byte {off}: {orig:#04x} → {v:#04x}"),
                &b,
                header_expect(&[off]),
            );
        }
    }

    let f = "header_bytes_multi";
    let mut rng = c.rng(f);
    for _ in 0..150 {
        let mut b = base.to_vec();
        let n = rng.range(2..11);
        let mut offs = Vec::new();
        for _ in 0..n {
            let off = rng.below(100);
            b[off] ^= rng.flip();
            if b[off] != base[off] {
                offs.push(off);
            } else {
                offs.retain(|o| *o != off);
            }
        }
        offs.sort_unstable();
        offs.dedup();
        let what: Vec<String> = offs.iter().map(|o| format!("{o}={:#04x}", b[*o])).collect();
        c.bytes(
            f,
            format!("header bytes {}", what.join(" ")),
            &b,
            header_expect(&offs),
        );
    }
}

/// Flipped bytes where SQLite reads: page 1 past the header (the schema), every other b-tree
/// page, b-tree page headers, and single bits anywhere.
pub(crate) fn page_flips(c: &mut Corpus, base: &[u8]) {
    let btree = btree_pages(base);

    let f = "schema_page_flip";
    let mut rng = c.rng(f);
    let ranges: Vec<Range<usize>> = used_ranges(base, 1);
    for _ in 0..200 {
        let mut b = base.to_vec();
        let mut what = Vec::new();
        for _ in 0..rng.range(1..4) {
            let at = random_offset_in(&mut rng, &ranges);
            let mask = rng.flip();
            b[at] ^= mask;
            what.push(format!("{at}^{mask:#04x}"));
        }
        c.bytes(
            f,
            format!("page 1 bytes {}", what.join(" ")),
            &b,
            Expect::Any,
        );
    }

    let f = "btree_page_flip";
    let mut rng = c.rng(f);
    for i in 0..400 {
        let mut b = base.to_vec();
        let pgno = *rng.pick(&btree[1..]);
        let ranges = used_ranges(base, pgno);
        // Mostly a few bytes; every fifth file, a scrambled run of many.
        let n = if i % 5 == 4 {
            rng.range(8..200)
        } else {
            rng.range(1..5)
        };
        let mut what = Vec::new();
        for _ in 0..n {
            let at = random_offset_in(&mut rng, &ranges);
            let mask = rng.flip();
            b[at] ^= mask;
            if what.len() < 6 {
                what.push(format!("{at}^{mask:#04x}"));
            }
        }
        c.bytes(
            f,
            format!(
                "page {pgno} (type {}), {n} bytes: {}…",
                base[page_at(PAGE, pgno).1],
                what.join(" ")
            ),
            &b,
            Expect::Any,
        );
    }

    let f = "btree_header_flip";
    let mut rng = c.rng(f);
    for _ in 0..150 {
        let mut b = base.to_vec();
        let pgno = *rng.pick(&btree);
        let (_, hdr) = page_at(PAGE, pgno);
        let len = if matches!(base[hdr], 2 | 5) { 12 } else { 8 };
        let at = hdr + rng.below(len);
        let v = if rng.below(2) == 0 {
            b[at] ^ rng.flip()
        } else {
            rng.byte()
        };
        b[at] = v;
        c.bytes(
            f,
            format!(
                "page {pgno} header byte {} (file offset {at}): {:#04x} → {v:#04x}",
                at - hdr,
                base[at]
            ),
            &b,
            Expect::Any,
        );
    }

    let f = "bit_flip";
    let mut rng = c.rng(f);
    for _ in 0..300 {
        let mut b = base.to_vec();
        let at = rng.below(b.len());
        let bit = rng.below(8);
        b[at] ^= 1 << bit;
        c.bytes(
            f,
            format!("bit {bit} of byte {at} (page {})", at / PAGE + 1),
            &b,
            header_expect(&[at]),
        );
    }
}

/// Pages zeroed whole or in part.
pub(crate) fn zeroed(c: &mut Corpus, base: &[u8]) {
    let f = "zeroed_page";
    let mut rng = c.rng(f);
    let pages = base.len() / PAGE;
    for pgno in 1..=pages {
        let mut b = base.to_vec();
        b[(pgno - 1) * PAGE..pgno * PAGE].fill(0);
        let expect = if pgno == 1 {
            Expect::Both("not_sqlite")
        } else {
            Expect::Refused
        };
        c.bytes(f, format!("page {pgno} all zero"), &b, expect);
    }
    for _ in 0..60 {
        let mut b = base.to_vec();
        let pgno = rng.range(1..pages + 1);
        let len = rng.range(16..1025);
        let start = (pgno - 1) * PAGE + rng.below(PAGE - len);
        b[start..start + len].fill(0);
        c.bytes(
            f,
            format!("{len} zero bytes at {start} (page {pgno})"),
            &b,
            header_expect(&(start..start + len).collect::<Vec<_>>()),
        );
    }
}

/// Pages in the wrong place: swapped, or one copied over another.
pub(crate) fn misplaced(c: &mut Corpus, base: &[u8]) {
    let f = "page_swap_duplicate";
    let mut rng = c.rng(f);
    let pages = base.len() / PAGE;
    for _ in 0..100 {
        let mut b = base.to_vec();
        let x = rng.range(2..pages + 1);
        let mut y = rng.range(2..pages + 1);
        if y == x {
            y = if x == pages { 2 } else { x + 1 };
        }
        swap_pages(&mut b, PAGE, x, y);
        c.bytes(f, format!("pages {x} and {y} swapped"), &b, Expect::Any);
    }
    for k in [2, 3, 10, pages / 2, pages] {
        let mut b = base.to_vec();
        swap_pages(&mut b, PAGE, 1, k);
        c.bytes(
            f,
            format!("page 1 swapped with page {k}"),
            &b,
            Expect::Both("not_sqlite"),
        );
    }
    for _ in 0..100 {
        let mut b = base.to_vec();
        let from = rng.range(1..pages + 1);
        let mut to = rng.range(2..pages + 1);
        if to == from {
            to = if from == pages { 2 } else { from + 1 };
        }
        b.copy_within((from - 1) * PAGE..from * PAGE, (to - 1) * PAGE);
        c.bytes(
            f,
            format!("page {from} copied over page {to}"),
            &b,
            Expect::Any,
        );
    }
    // The last page twice, the file one page longer than the header says.
    let mut b = base.to_vec();
    b.extend_from_slice(&base[base.len() - PAGE..]);
    c.bytes(f, "last page appended again", &b, Expect::Any);
}
