//! A QR code of a text (ISO/IEC 18004 Model 2): byte mode, error correction level L, the
//! smallest version that holds the text, the mask with the lowest penalty. Only what the app
//! needs to show a result as a code a phone reads off a screen, so the browser bundle stays
//! small (a general encoder cost about 7 KB brotli). Pure: no I/O, no allocation beyond the
//! grid and the codewords.

/// A QR code: its side in modules and whether each module is dark, row by row.
pub struct Qr {
    pub size: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// Whether the module in column `x`, row `y` is dark (false outside the code).
    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// The dark modules as an SVG path in module units, one rectangle per run of dark
    /// modules in a row: `M3 0h2v1H3z…`. The quiet zone (four modules) is the caller's.
    pub fn svg_path(&self) -> String {
        let mut path = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while self.dark(x, y) {
                    x += 1;
                }
                path.push_str(&format!("M{start} {y}h{}v1H{start}z", x - start));
            }
        }
        path
    }
}

/// Error-correction codewords per block at level L, by version (index 0 unused).
const ECC_PER_BLOCK: [u8; 41] = [
    0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30,
    30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
];
/// Error-correction blocks at level L, by version (index 0 unused).
const BLOCKS: [u8; 41] = [
    0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14,
    15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
];

/// Modules left for data and error correction in a version (all but the function patterns).
fn raw_modules(v: usize) -> usize {
    let mut n = (16 * v + 128) * v + 64;
    if v >= 2 {
        let align = v / 7 + 2;
        n -= (25 * align - 10) * align - 55;
        if v >= 7 {
            n -= 36;
        }
    }
    n
}

fn data_codewords(v: usize) -> usize {
    raw_modules(v) / 8 - ECC_PER_BLOCK[v] as usize * BLOCKS[v] as usize
}

/// The centres of the alignment patterns on one axis.
fn alignment(v: usize) -> Vec<usize> {
    if v == 1 {
        return Vec::new();
    }
    let n = v / 7 + 2;
    let size = 17 + 4 * v;
    let step = if v == 32 {
        26
    } else {
        (v * 4 + n * 2 + 1) / (n * 2 - 2) * 2
    };
    let mut at = vec![6];
    let mut pos = size - 7;
    for _ in 0..n - 1 {
        at.insert(1, pos);
        pos = pos.saturating_sub(step);
    }
    at
}

/// Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1.
fn gf_mul(a: u8, b: u8) -> u8 {
    let mut r: u8 = 0;
    for i in (0..8).rev() {
        r = (r << 1) ^ (if r & 0x80 != 0 { 0x1d } else { 0 });
        if (b >> i) & 1 != 0 {
            r ^= a;
        }
    }
    r
}

/// The Reed–Solomon error-correction codewords of `data`, `n` of them.
fn reed_solomon(data: &[u8], n: usize) -> Vec<u8> {
    // The generator (x − α^0)…(x − α^(n−1)), leading coefficient dropped.
    let mut poly = vec![0u8; n];
    poly[n - 1] = 1;
    let mut root: u8 = 1;
    for _ in 0..n {
        for j in 0..n {
            poly[j] = gf_mul(poly[j], root) ^ poly.get(j + 1).copied().unwrap_or(0);
        }
        root = gf_mul(root, 0x02);
    }
    let mut rem = vec![0u8; n];
    for &b in data {
        let factor = b ^ rem[0];
        rem.remove(0);
        rem.push(0);
        for (r, &g) in rem.iter_mut().zip(&poly) {
            *r ^= gf_mul(g, factor);
        }
    }
    rem
}

/// The bits of `value`'s low `n` bits, appended high first.
fn push_bits(bits: &mut Vec<bool>, value: usize, n: usize) {
    for i in (0..n).rev() {
        bits.push((value >> i) & 1 != 0);
    }
}

/// A grid being drawn: the modules and which of them are function patterns.
struct Grid {
    size: usize,
    dark: Vec<bool>,
    function: Vec<bool>,
}

impl Grid {
    fn set(&mut self, x: usize, y: usize, dark: bool) {
        let i = y * self.size + x;
        self.dark[i] = dark;
        self.function[i] = true;
    }

    /// A pattern of rings around (x, y): a module is dark when `dark(distance)`.
    fn rings(&mut self, x: usize, y: usize, r: isize, dark: fn(isize) -> bool) {
        for dy in -r..=r {
            for dx in -r..=r {
                let (px, py) = (x as isize + dx, y as isize + dy);
                if (0..self.size as isize).contains(&px) && (0..self.size as isize).contains(&py) {
                    self.set(px as usize, py as usize, dark(dx.abs().max(dy.abs())));
                }
            }
        }
    }

    /// The format information: level L, `mask`, BCH-protected, in both copies; and the dark module.
    fn format(&mut self, mask: usize) {
        let data = (0b01 << 3) | mask;
        let mut rem = data;
        for _ in 0..10 {
            rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        }
        let bits = ((data << 10) | rem) ^ 0x5412;
        let bit = |i: usize| (bits >> i) & 1 != 0;
        let s = self.size;
        for i in 0..6 {
            self.set(8, i, bit(i));
        }
        self.set(8, 7, bit(6));
        self.set(8, 8, bit(7));
        self.set(7, 8, bit(8));
        for i in 9..15 {
            self.set(14 - i, 8, bit(i));
        }
        for i in 0..8 {
            self.set(s - 1 - i, 8, bit(i));
        }
        for i in 8..15 {
            self.set(8, s - 15 + i, bit(i));
        }
        self.set(8, s - 8, true);
    }

    /// Everything but the data: finders, timing, alignment, version, format (mask 0 for now).
    fn new(v: usize) -> Grid {
        let size = 17 + 4 * v;
        let mut g = Grid {
            size,
            dark: vec![false; size * size],
            function: vec![false; size * size],
        };
        for i in 0..size {
            g.set(6, i, i % 2 == 0);
            g.set(i, 6, i % 2 == 0);
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            g.rings(x, y, 4, |d| d != 2 && d != 4);
        }
        let at = alignment(v);
        let last = at.len().saturating_sub(1);
        for (i, &x) in at.iter().enumerate() {
            for (j, &y) in at.iter().enumerate() {
                // Not where a finder is (three corners).
                let finder =
                    matches!((i, j), (0, 0)) || (i == 0 && j == last) || (i == last && j == 0);
                if !finder {
                    g.rings(x, y, 2, |d| d != 1);
                }
            }
        }
        g.format(0);
        if v >= 7 {
            let mut rem = v;
            for _ in 0..12 {
                rem = (rem << 1) ^ ((rem >> 11) * 0x1f25);
            }
            let bits = (v << 12) | rem;
            for i in 0..18 {
                let bit = (bits >> i) & 1 != 0;
                let (a, b) = (size - 11 + i % 3, i / 3);
                g.set(a, b, bit);
                g.set(b, a, bit);
            }
        }
        g
    }

    /// The codewords, placed in the zigzag from the bottom right, two columns at a time.
    fn place(&mut self, codewords: &[u8]) {
        let s = self.size;
        let mut i = 0;
        let mut right = s - 1;
        while right >= 1 {
            if right == 6 {
                right = 5;
            }
            for vert in 0..s {
                for j in 0..2 {
                    let x = right - j;
                    let upward = (right + 1) & 2 == 0;
                    let y = if upward { s - 1 - vert } else { vert };
                    if !self.function[y * s + x] && i < codewords.len() * 8 {
                        self.dark[y * s + x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 != 0;
                        i += 1;
                    }
                }
            }
            if right < 2 {
                break;
            }
            right -= 2;
        }
    }

    /// Flips the data modules under mask `m` (applying it twice undoes it).
    fn mask(&mut self, m: usize) {
        let s = self.size;
        for y in 0..s {
            for x in 0..s {
                let flip = match m {
                    0 => (x + y) % 2 == 0,
                    1 => y % 2 == 0,
                    2 => x % 3 == 0,
                    3 => (x + y) % 3 == 0,
                    4 => (x / 3 + y / 2) % 2 == 0,
                    5 => x * y % 2 + x * y % 3 == 0,
                    6 => (x * y % 2 + x * y % 3) % 2 == 0,
                    _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
                };
                if flip && !self.function[y * s + x] {
                    self.dark[y * s + x] ^= true;
                }
            }
        }
    }

    /// The standard penalty of the grid (lower reads better): long runs, 2×2 blocks,
    /// finder-like patterns, and an unbalanced share of dark modules.
    fn penalty(&self) -> usize {
        let s = self.size;
        let at = |x: usize, y: usize, across: bool| {
            if across {
                self.dark[y * s + x]
            } else {
                self.dark[x * s + y]
            }
        };
        let mut p = 0;
        for across in [true, false] {
            for y in 0..s {
                let mut run = 0;
                let mut window: u16 = 0;
                for x in 0..s {
                    let d = at(x, y, across);
                    if x > 0 && d == at(x - 1, y, across) {
                        run += 1;
                        if run == 5 {
                            p += 3;
                        } else if run > 5 {
                            p += 1;
                        }
                    } else {
                        run = 1;
                    }
                    // 1:1:3:1:1 with four light modules on one side, as 11 modules.
                    window = ((window << 1) | d as u16) & 0x7ff;
                    if x >= 10 && (window == 0b101_1101_0000 || window == 0b000_0101_1101) {
                        p += 40;
                    }
                }
            }
        }
        for y in 0..s - 1 {
            for x in 0..s - 1 {
                let d = self.dark[y * s + x];
                if d == self.dark[y * s + x + 1]
                    && d == self.dark[(y + 1) * s + x]
                    && d == self.dark[(y + 1) * s + x + 1]
                {
                    p += 3;
                }
            }
        }
        let dark = self.dark.iter().filter(|&&d| d).count();
        let total = s * s;
        // 10 points for each full 5% step away from half dark.
        let k = (dark * 20)
            .abs_diff(total * 10)
            .div_ceil(total)
            .saturating_sub(1);
        p + k * 10
    }
}

/// The QR code of `text` (its UTF-8 bytes); `None` when no version holds it (about 2,950 bytes).
pub fn encode(text: &str) -> Option<Qr> {
    let data = text.as_bytes();
    let v = (1..=40).find(|&v| {
        let count_bits = if v < 10 { 8 } else { 16 };
        4 + count_bits + data.len() * 8 <= data_codewords(v) * 8
    })?;
    let capacity = data_codewords(v);
    let mut bits = Vec::with_capacity(capacity * 8);
    push_bits(&mut bits, 0b0100, 4);
    push_bits(&mut bits, data.len(), if v < 10 { 8 } else { 16 });
    for &b in data {
        push_bits(&mut bits, b as usize, 8);
    }
    // Terminator, then to a whole byte, then the pad bytes.
    let room = capacity * 8 - bits.len();
    push_bits(&mut bits, 0, room.min(4));
    let to_byte = (8 - bits.len() % 8) % 8;
    push_bits(&mut bits, 0, to_byte);
    let mut bytes: Vec<u8> = bits
        .chunks(8)
        .map(|c| c.iter().fold(0u8, |b, &bit| (b << 1) | bit as u8))
        .collect();
    for pad in [0xec, 0x11].into_iter().cycle() {
        if bytes.len() >= capacity {
            break;
        }
        bytes.push(pad);
    }
    // Split into blocks (the short ones first), add each block's error correction, interleave.
    let blocks = BLOCKS[v] as usize;
    let ecc = ECC_PER_BLOCK[v] as usize;
    let raw = raw_modules(v) / 8;
    let short = blocks - raw % blocks;
    let short_len = raw / blocks - ecc;
    let mut split = Vec::with_capacity(blocks);
    let mut at = 0;
    for i in 0..blocks {
        let len = short_len + usize::from(i >= short);
        let block = &bytes[at..at + len];
        at += len;
        split.push((block, reed_solomon(block, ecc)));
    }
    let mut codewords = Vec::with_capacity(raw);
    for i in 0..=short_len {
        for (block, _) in &split {
            if let Some(&b) = block.get(i) {
                codewords.push(b);
            }
        }
    }
    for i in 0..ecc {
        for (_, e) in &split {
            codewords.push(e[i]);
        }
    }
    let mut grid = Grid::new(v);
    grid.place(&codewords);
    let best = (0..8)
        .min_by_key(|&m| {
            grid.mask(m);
            grid.format(m);
            let p = grid.penalty();
            grid.mask(m);
            p
        })
        .unwrap_or(0);
    grid.mask(best);
    grid.format(best);
    Some(Qr {
        size: grid.size,
        dark: grid.dark,
    })
}
