//! Every code reads back, with a real decoder, as the text it was made of.

use proptest::prelude::*;
use srdi_qr::{Qr, encode};

/// Reads `qr` as a camera would: a picture, `px` pixels a module, with a quiet zone of four.
fn read(qr: &Qr, px: usize) -> Result<(usize, String), String> {
    let side = qr.size + 8;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side * px, side * px, |x, y| {
        let (mx, my) = (x / px, y / px);
        let dark = mx >= 4 && my >= 4 && qr.dark(mx - 4, my - 4);
        if dark { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    let [grid] = grids.as_slice() else {
        return Err(format!("{} codes found", grids.len()));
    };
    let (meta, text) = grid.decode().map_err(|e| format!("{e:?}"))?;
    // Level L is 1 in the decoder's numbering (M 0, L 1, H 2, Q 3).
    if meta.ecc_level != 1 {
        return Err(format!("error correction {}", meta.ecc_level));
    }
    Ok((meta.version.0, text))
}

#[test]
fn every_version_reads_back_and_the_smallest_that_holds_the_text_is_used() {
    // The byte capacity of each version at level L (ISO/IEC 18004 table 7).
    const CAPACITY: [usize; 41] = [
        0, 17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718,
        792, 858, 929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068,
        2188, 2303, 2431, 2563, 2699, 2809, 2953,
    ];
    for v in 1..=40 {
        for len in [CAPACITY[v - 1] + 1, CAPACITY[v]] {
            let text: String = (0..len)
                .map(|i| (b'a' + (i * 7 % 26) as u8) as char)
                .collect();
            let qr = encode(&text).unwrap_or_else(|| panic!("{len} bytes"));
            assert_eq!(qr.size, 17 + 4 * v, "{len} bytes: version {v}");
            let (version, back) = read(&qr, 2).unwrap_or_else(|e| panic!("v{v}, {len}: {e}"));
            assert_eq!(version, v);
            assert_eq!(back, text, "v{v}");
        }
    }
    assert!(encode(&"x".repeat(CAPACITY[40] + 1)).is_none());
}

#[test]
fn chinese_text_and_line_breaks_read_back() {
    let text = "专精特新自测结果（参考，非官方认定）\n评估日期 2026-05-01\n· 创新型中小企业：符合\n· 专精特新\"小巨人\"企业：不符合，未满足「主导产品…」";
    let qr = encode(text).unwrap_or_else(|| panic!("fits"));
    assert_eq!(read(&qr, 3).map(|r| r.1), Ok(text.to_string()));
}

#[test]
fn the_svg_path_draws_exactly_the_dark_modules() {
    let qr = encode("SRDI").unwrap_or_else(|| panic!("fits"));
    let mut drawn = vec![false; qr.size * qr.size];
    for run in qr.svg_path().split('M').filter(|r| !r.is_empty()) {
        let (xy, rest) = run.split_once('h').unwrap_or_else(|| panic!("{run}"));
        let (x, y) = xy.split_once(' ').unwrap_or_else(|| panic!("{run}"));
        let w = rest.split_once('v').unwrap_or_else(|| panic!("{run}")).0;
        let (x, y, w): (usize, usize, usize) = (
            x.parse().unwrap_or(usize::MAX),
            y.parse().unwrap_or(usize::MAX),
            w.parse().unwrap_or(0),
        );
        assert!(w > 0 && x + w <= qr.size && y < qr.size, "{run}");
        for i in x..x + w {
            assert!(!drawn[y * qr.size + i], "drawn twice: {run}");
            drawn[y * qr.size + i] = true;
        }
    }
    for y in 0..qr.size {
        for x in 0..qr.size {
            assert_eq!(drawn[y * qr.size + x], qr.dark(x, y), "({x}, {y})");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any text up to the app's take-home limit reads back exactly.
    #[test]
    fn any_text_reads_back(text in "(?s).{0,400}") {
        let qr = encode(&text);
        prop_assert!(qr.is_some());
        if let Some(qr) = qr {
            prop_assert_eq!(read(&qr, 2).map(|r| r.1), Ok(text));
        }
    }
}
