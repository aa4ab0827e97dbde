//! Runtime library tests of text values and of the reader and writer byte streams.
//! Candid messages, which build on the reader, are tested in `candid_messages`.

use super::Rt;

#[test]
fn text_concat_eq_cmp_and_len_follow_bytes_and_scalars() {
    let mut rt = Rt::new();
    let samples = ["", "a", "ab", "b", "héllo", "日本語", "😀!", "abc"];
    for a in samples {
        for b in samples {
            let (ta, tb) = (rt.text(a), rt.text(b));
            let joined = rt.i32("text_concat", &[ta, tb]);
            assert_eq!(rt.text_out(joined), format!("{a}{b}"));
            assert_eq!(rt.i32("text_eq", &[ta, tb]), i32::from(a == b));
            assert_eq!(
                rt.i32("text_cmp", &[ta, tb]),
                a.as_bytes().cmp(b.as_bytes()) as i32
            );
        }
        let t = rt.text(a);
        assert_eq!(rt.i32("text_len", &[t]), a.chars().count() as i32);
    }
}

#[test]
fn text_from_bytes_rejects_invalid_utf8() {
    let mut rt = Rt::new();
    let invalid: &[&[u8]] = &[
        b"\xff",
        b"\xc0\x80",
        b"\xe0\x80\xaf",
        b"\xed\xa0\x80",
        b"\xe2\x82",
        b"\xf4\x90\x80\x80",
        b"\xf0\x8f\xbf\xbf",
        b"ok\x80",
        b"eight ok\xff",
        b"sixteen bytes ok\xc3",
        b"ascii-ascii-\xe2\x82ascii-ascii",
    ];
    for bytes in invalid {
        let ptr = rt.bytes_in(bytes);
        assert_eq!(
            rt.try_i32("text_from_bytes", &[ptr, bytes.len() as i32]),
            Err("invalid UTF-8".to_string()),
            "{bytes:?}"
        );
    }
    for text in [
        "\u{7ff}",
        "\u{800}",
        "\u{d7ff}",
        "\u{e000}",
        "\u{10ffff}",
        "registered-name",
        "sixteen ascii ok",
        "eight ok héllo and more ascii after it",
    ] {
        let t = rt.text(text);
        assert_eq!(rt.text_out(t), text);
    }
}

#[test]
fn reader_traps_at_the_end_of_input() {
    let mut rt = Rt::new();
    let eof = Err("Candid decoding error: unexpected end of input".to_string());
    rt.read_from(&[]);
    assert_eq!(rt.try_i32("read_byte", &[]), eof);
    rt.read_from(&[1, 2, 3]);
    assert_eq!(rt.try_i32("read_u32_le", &[]), eof);
    rt.read_from(&[0x80, 0x80]);
    assert_eq!(rt.try_i32("read_nat", &[]), eof);
    rt.read_from(&[5, b'a']);
    assert_eq!(rt.try_i32("read_text", &[]), eof);
    rt.read_from(&[1, 2]);
    assert_eq!(rt.try_i32("read_bytes", &[3]), eof);
}

#[test]
fn reader_reads_fixed_and_leb128_values() {
    let mut rt = Rt::new();
    let mut bytes = vec![7, 0x78, 0x56, 0x34, 0x12];
    bytes.extend([0xff, 0xff, 0xff, 0xff, 0x0f]);
    bytes.extend([0x80, 0x80, 0x80, 0x80, 0x78]);
    bytes.extend([0x7f]);
    bytes.extend([2, b'h', b'i']);
    rt.read_from(&bytes);
    assert_eq!(rt.i32("reader_remaining", &[]), bytes.len() as i32);
    assert_eq!(rt.i32("read_byte", &[]), 7);
    assert_eq!(rt.i32("read_u32_le", &[]), 0x1234_5678);
    assert_eq!(rt.i32("read_leb_u32", &[]), -1);
    assert_eq!(rt.i32("read_sleb_i32", &[]), i32::MIN);
    assert_eq!(rt.i32("read_sleb_i32", &[]), -1);
    let text = rt.i32("read_text", &[]);
    assert_eq!(rt.text_out(text), "hi");
    assert_eq!(rt.i32("reader_remaining", &[]), 0);
}

#[test]
fn leb128_that_does_not_fit_32_bits_traps() {
    let mut rt = Rt::new();
    let out_of_range = Err("Candid decoding error: LEB128 value out of range".to_string());
    rt.read_from(&[0xff, 0xff, 0xff, 0xff, 0x1f]);
    assert_eq!(rt.try_i32("read_leb_u32", &[]), out_of_range);
    rt.read_from(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
    assert_eq!(rt.try_i32("read_leb_u32", &[]), out_of_range);
    rt.read_from(&[0x80, 0x80, 0x80, 0x80, 0x08]);
    assert_eq!(rt.try_i32("read_sleb_i32", &[]), out_of_range);
}

#[test]
fn writer_appends_and_grows() {
    let mut rt = Rt::new();
    rt.unit("writer_reset", &[]);
    let mut expected = Vec::new();
    for i in 0..300 {
        rt.unit("write_byte", &[i]);
        expected.push(i as u8);
    }
    rt.unit("write_u32_le", &[0x0102_0304]);
    expected.extend([4, 3, 2, 1]);
    let block: Vec<u8> = (0..1000).map(|i| (i * 7) as u8).collect();
    let ptr = rt.bytes_in(&block);
    rt.unit("write_bytes", &[ptr, block.len() as i32]);
    expected.extend(&block);
    rt.unit("write_leb_u32", &[624_485]);
    expected.extend([0xe5, 0x8e, 0x26]);
    rt.unit("write_sleb_i32", &[-123_456]);
    expected.extend([0xc0, 0xbb, 0x78]);
    let text = rt.text("hé");
    rt.unit("write_text", &[text]);
    expected.extend([3, b'h', 0xc3, 0xa9]);
    assert_eq!(rt.written(), expected);
    rt.unit("writer_reset", &[]);
    assert_eq!(rt.i32("writer_len", &[]), 0);
}

#[test]
fn read_nat_and_read_int_accept_redundant_leb128_bytes() {
    let mut rt = Rt::new();
    rt.read_from(&[
        0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ]);
    let five = rt.i32("read_nat", &[]);
    assert_eq!(five, (5 << 1) | 1);
    let minus_one = rt.i32("read_int", &[]);
    assert_eq!(minus_one, -1);
}
