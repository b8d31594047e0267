import CZlib
import Foundation

/// A minimal, defensive ZIP reader for DOCX: the central directory, stored and deflated entries, and limits on entry
/// count, uncompressed size and compression ratio checked before and during inflation (a zip bomb costs an error).
struct ZipReader {
    struct Entry { var name: String; var method: Int; var compressed: Int; var uncompressed: Int; var localOffset: Int }

    let bytes: [UInt8]
    let entries: [Entry]
    let limits: ExtractionLimits

    init(_ bytes: [UInt8], limits: ExtractionLimits) throws(ExtractionError) {
        self.bytes = bytes; self.limits = limits
        // End of central directory: the last "PK\u{5}\u{6}" within the final 64 KiB + 22 bytes.
        guard bytes.count >= 22 else { throw ExtractionError(.corrupt, "The DOCX file is truncated.") }
        var eocd = -1
        var i = bytes.count - 22
        let floor = max(0, bytes.count - 22 - 65_535)
        while i >= floor {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw ExtractionError(.corrupt, "The DOCX file is not a complete ZIP archive.") }
        let count = Self.u16(bytes, eocd + 10)
        let cdSize = Self.u32(bytes, eocd + 12), cdOffset = Self.u32(bytes, eocd + 16)
        if count == 0xFFFF || cdOffset == 0xFFFF_FFFF { throw ExtractionError(.unsupported, "ZIP64 archives are not accepted as DOCX.") }
        guard count <= limits.maxZipEntries else {
            throw ExtractionError(.bomb, "The DOCX archive has \(count) entries; the limit is \(limits.maxZipEntries).")
        }
        guard cdOffset + cdSize <= eocd else { throw ExtractionError(.corrupt, "The DOCX central directory is out of bounds.") }
        var entries: [Entry] = []
        var p = cdOffset
        for _ in 0..<count {
            guard p + 46 <= eocd, Self.u32(bytes, p) == 0x0201_4B50 else { throw ExtractionError(.corrupt, "The DOCX central directory is damaged.") }
            let flags = Self.u16(bytes, p + 8)
            let method = Self.u16(bytes, p + 10)
            let compressed = Self.u32(bytes, p + 20), uncompressed = Self.u32(bytes, p + 24)
            let nameLength = Self.u16(bytes, p + 28), extra = Self.u16(bytes, p + 30), comment = Self.u16(bytes, p + 32)
            let local = Self.u32(bytes, p + 42)
            guard p + 46 + nameLength <= eocd else { throw ExtractionError(.corrupt, "The DOCX central directory is damaged.") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            if flags & 1 != 0 { throw ExtractionError(.encrypted, "The DOCX archive is encrypted.") }
            entries.append(Entry(name: name, method: method, compressed: compressed, uncompressed: uncompressed, localOffset: local))
            p += 46 + nameLength + extra + comment
        }
        let total = entries.reduce(0) { $0 + $1.uncompressed }
        if total > limits.maxUncompressedBytes * 4 {
            throw ExtractionError(.bomb, "The DOCX archive declares \(total) uncompressed bytes; the limit is \(limits.maxUncompressedBytes).")
        }
        self.entries = entries
    }

    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The bytes of one entry, within `budget` uncompressed bytes.
    func read(_ e: Entry, budget: Int) throws(ExtractionError) -> [UInt8] {
        guard e.uncompressed <= budget else {
            throw ExtractionError(.bomb, "The DOCX part \(e.name) is \(e.uncompressed) bytes uncompressed; the limit is \(budget).")
        }
        if e.uncompressed > 1024 * 1024, e.uncompressed / max(e.compressed, 1) > limits.maxCompressionRatio {
            throw ExtractionError(.bomb, "The DOCX part \(e.name) expands \(e.uncompressed / max(e.compressed, 1)) times; the limit is \(limits.maxCompressionRatio).")
        }
        let p = e.localOffset
        guard p + 30 <= bytes.count, Self.u32(bytes, p) == 0x0403_4B50 else { throw ExtractionError(.corrupt, "The DOCX entry \(e.name) is damaged.") }
        let start = p + 30 + Self.u16(bytes, p + 26) + Self.u16(bytes, p + 28)
        guard start <= bytes.count, e.compressed <= bytes.count - start else { throw ExtractionError(.corrupt, "The DOCX entry \(e.name) is truncated.") }
        let data = bytes[start..<(start + e.compressed)]
        switch e.method {
        case 0:
            guard e.compressed == e.uncompressed else { throw ExtractionError(.corrupt, "The DOCX entry \(e.name) has inconsistent sizes.") }
            return Array(data)
        case 8:
            // The declared size may lie: inflate at most declared + 1 bytes and refuse anything longer.
            let out = try Self.inflate(data, max: e.uncompressed + 1)
            guard out.count == e.uncompressed else {
                throw ExtractionError(.bomb, "The DOCX entry \(e.name) inflates to more or less than its declared size.")
            }
            return out
        default:
            throw ExtractionError(.unsupported, "The DOCX entry \(e.name) uses compression method \(e.method).")
        }
    }

    static func inflate(_ input: ArraySlice<UInt8>, max: Int) throws(ExtractionError) -> [UInt8] {
        var stream = z_stream()
        guard dala_inflate_init_raw(&stream) == Z_OK else { throw ExtractionError(.corrupt, "zlib could not start.") }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Swift.max(max, 1))
        var produced = 0
        let status: Int32 = input.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                let r = CZlib.inflate(&stream, Z_FINISH)
                produced = outBuf.count - Int(stream.avail_out)
                return r
            }
        }
        // Z_BUF_ERROR with a full buffer: more output than allowed.
        guard status == Z_STREAM_END || (status == Z_BUF_ERROR && produced == out.count) else {
            throw ExtractionError(.corrupt, "A DOCX entry is not valid deflate data.")
        }
        return Array(out[0..<produced])
    }

    /// Raw deflate (for tests and tools that write DOCX files).
    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard dala_deflate_init_raw(&stream, 6) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var produced = 0
        input.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                produced = outBuf.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { i + 2 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 : 0 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { i + 4 <= b.count ? u16(b, i) | u16(b, i + 2) << 16 : 0 }
}

/// Writes ZIP archives (deflated entries): the test suite's and the benchmark's DOCX files.
public enum ZipWriter {
    public static func archive(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func u16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int, _ a: inout [UInt8]) { u16(v & 0xFFFF, &a); u16(v >> 16 & 0xFFFF, &a) }
        for f in files {
            let packed = ZipReader.deflate(f.data)
            let crc = Int(f.data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
            let name = Array(f.name.utf8)
            let offset = out.count
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(8, &out); u16(0, &out); u16(0, &out)
            u32(crc, &out); u32(packed.count, &out); u32(f.data.count, &out); u16(name.count, &out); u16(0, &out)
            out += name; out += packed
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(8, &central)
            u16(0, &central); u16(0, &central); u32(crc, &central); u32(packed.count, &central); u32(f.data.count, &central)
            u16(name.count, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0, &central); u32(offset, &central); central += name
        }
        let cdOffset = out.count
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(files.count, &out); u16(files.count, &out)
        u32(central.count, &out); u32(cdOffset, &out); u16(0, &out)
        return out
    }
}
