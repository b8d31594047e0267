import DalaLanguages
import CPoppler
import CTesseract
import Foundation

/// An 8-bit grey page image.
public struct GrayImage: Sendable {
    public var width: Int
    public var height: Int
    public var dpi: Double
    public var pixels: [UInt8]
    public init(width: Int, height: Int, dpi: Double, pixels: [UInt8]) {
        self.width = width; self.height = height; self.dpi = dpi; self.pixels = pixels
    }
}

/// The OCR of one page.
public struct OCRPage: Sendable, Equatable, Codable {
    public var text: String
    /// Tesseract's mean word confidence, 0-100.
    public var confidence: Double
    /// kk, ru or en, chosen from the recognised text's letters; nil when the page has no letters.
    public var language: String?
}

/// Renders PDF pages to grey images (poppler + cairo) for OCR. One owner at a time.
public final class PDFPageRenderer {
    let pdf: PDFHandle
    public var pageCount: Int { pdf.pageCount }

    public init(_ bytes: [UInt8]) throws(ExtractionError) { pdf = try PDFHandle(bytes) }

    /// Page `number` (1-based) at `limits.ocrDPI`, lowered so the image stays under `limits.maxOCRPixels`.
    public func render(page number: Int, limits: ExtractionLimits) throws(ExtractionError) -> GrayImage {
        guard (1...max(pdf.pageCount, 1)).contains(number), number <= pdf.pageCount else {
            throw ExtractionError(.corrupt, "The PDF has no page \(number).")
        }
        return try pdf.withPage(number - 1) { page throws(ExtractionError) -> GrayImage in
            var w = 0.0, h = 0.0
            poppler_page_get_size(page, &w, &h)
            guard w > 0, h > 0, w < 20_000, h < 20_000 else { throw ExtractionError(.corrupt, "Page \(number) has an impossible size.") }
            var dpi = limits.ocrDPI
            let pixels = (w * dpi / 72) * (h * dpi / 72)
            if pixels > Double(limits.maxOCRPixels) { dpi *= (Double(limits.maxOCRPixels) / pixels).squareRoot() }
            let width = Int(w * dpi / 72), height = Int(h * dpi / 72)
            guard width > 0, height > 0 else { throw ExtractionError(.corrupt, "Page \(number) is too small to render.") }
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
                  cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
                throw ExtractionError(.tooLarge, "Page \(number) cannot be rendered (out of memory).")
            }
            defer { cairo_surface_destroy(surface) }
            let cr = cairo_create(surface)
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, dpi / 72, dpi / 72)
            poppler_page_render_for_printing(page, cr)
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            let stride = Int(cairo_image_surface_get_stride(surface))
            guard let data = cairo_image_surface_get_data(surface) else { throw ExtractionError(.corrupt, "Page \(number) rendered to nothing.") }
            var gray = [UInt8](repeating: 255, count: width * height)
            data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * height) { px in
                for y in 0..<height {
                    let row = y * (stride / 4)
                    for x in 0..<width {
                        let v = px[row + x]   // native-endian xRGB
                        let r = (v >> 16) & 0xFF, g = (v >> 8) & 0xFF, b = v & 0xFF
                        gray[y * width + x] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
                    }
                }
            }
            return GrayImage(width: width, height: height, dpi: dpi, pixels: gray)
        }
    }
}

/// Tesseract with Kazakh, Russian and English models. One owner at a time (a Tesseract handle is not thread-safe).
public final class OCREngine {
    let api: OpaquePointer
    public let languages: String

    /// Loads the models (`tesseract-ocr-kaz`, `-rus`, `-eng` from Debian); `dataPath` nil means Tesseract's default.
    public init(languages: String = "kaz+rus+eng", dataPath: String? = nil) throws(ExtractionError) {
        guard let api = TessBaseAPICreate() else { throw ExtractionError(.ocr, "Tesseract could not be started.") }
        let status = TessBaseAPIInit3(api, dataPath, languages)
        guard status == 0 else {
            TessBaseAPIDelete(api)
            throw ExtractionError(.ocr, "Tesseract cannot load the \(languages) models; install tesseract-ocr-kaz, -rus and -eng.")
        }
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        self.api = api
        self.languages = languages
    }

    deinit { TessBaseAPIEnd(api); TessBaseAPIDelete(api) }

    /// Recognises one page image; Tesseract stops at `deadline` seconds and returns what it has.
    public func recognise(_ image: GrayImage, deadline: Double = 120) -> OCRPage {
        image.pixels.withUnsafeBufferPointer { buf in
            TessBaseAPISetImage(api, buf.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        TessBaseAPISetSourceResolution(api, Int32(image.dpi.rounded()))
        omp_set_num_threads(1)   // per calling thread: see CTesseract/shim.h
        let monitor = TessMonitorCreate()
        TessMonitorSetDeadlineMSecs(monitor, Int32(min(deadline * 1000, Double(Int32.max))))
        _ = TessBaseAPIRecognize(api, monitor)
        TessMonitorDelete(monitor)
        var text = ""
        if let out = TessBaseAPIGetUTF8Text(api) {
            text = String(cString: out)
            TessDeleteText(out)
        }
        let confidence = Double(TessBaseAPIMeanTextConf(api))
        TessBaseAPIClear(api)
        let cleaned = PDFReader.normalise(text)
        return OCRPage(text: cleaned, confidence: max(0, confidence), language: ScriptLanguage.guess(cleaned))
    }
}

/// The language of a page from its letters, among the OCR models' languages (`PageReader.models`): letters Kazakh
/// writes and Russian does not say kk, other Cyrillic ru, Latin en.
public enum ScriptLanguage {
    /// kk's decisive letters less ru's (`identification.tsv` of each in the language registry), both cases.
    static let kazakhLetters: Set<Character> = {
        guard let registry = try? LanguageRegistry.shared.get(), let kk = try? registry.identificationEvidence("kk").letters,
              let ru = try? registry.identificationEvidence("ru").letters else { return [] }
        var out = Set<Character>()
        for letter in Set(kk).subtracting(ru) {
            let c = Character(letter)
            out.insert(c)
            for u in c.uppercased() { out.insert(u) }
        }
        return out
    }()

    public static func guess(_ text: String) -> String? {
        var cyr = 0, lat = 0, kaz = 0
        for ch in text where ch.isLetter {
            if kazakhLetters.contains(ch) { kaz += 1; cyr += 1; continue }
            guard let s = ch.unicodeScalars.first else { continue }
            if (0x400...0x4FF).contains(s.value) { cyr += 1 } else if s.isASCII { lat += 1 }
        }
        if cyr + lat == 0 { return nil }
        if cyr >= lat { return kaz * 100 >= cyr * 2 ? "kk" : "ru" }
        return "en"
    }
}

/// Character accuracy of OCR output against the true text: 1 − edit distance / length, white space collapsed.
public enum CharacterAccuracy {
    public static func of(_ recognised: String, truth: String) -> Double {
        let a = Array(collapse(recognised).unicodeScalars), b = Array(collapse(truth).unicodeScalars)
        guard !b.isEmpty else { return a.isEmpty ? 1 : 0 }
        var previous = Array(0...a.count), current = [Int](repeating: 0, count: a.count + 1)
        for j in 1...b.count {
            current[0] = j
            for i in 1...max(a.count, 1) where i <= a.count {
                current[i] = min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return max(0, 1 - Double(previous[a.count]) / Double(b.count))
    }

    static func collapse(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}

/// Reads pages with the language chosen from the page itself: a first pass with all three models, and when the result
/// mixes scripts (Latin words read as Cyrillic look-alikes, "and" → "апа", or the reverse) a second pass with the
/// page's own language only, kept when Tesseract is at least as sure of it. One owner at a time.
public final class PageReader {
    let all: OCREngine
    var single: [String: OCREngine] = [:]
    static let models = ["kk": "kaz", "ru": "rus", "en": "eng"]

    public init() throws(ExtractionError) { all = try OCREngine(languages: "kaz+rus+eng") }

    public func read(_ image: GrayImage, deadline: Double = 120) throws(ExtractionError) -> OCRPage {
        let first = all.recognise(image, deadline: deadline)
        guard let language = first.language, let model = Self.models[language],
              Self.foreignWordShare(first.text, language: language) > 0.02 else { return first }
        let engine: OCREngine
        if let e = single[language] { engine = e } else { engine = try OCREngine(languages: model); single[language] = engine }
        var second = engine.recognise(image, deadline: deadline)
        second.language = language
        let better = second.confidence >= first.confidence - 1
            && Self.foreignWordShare(second.text, language: language) < Self.foreignWordShare(first.text, language: language)
        return better ? second : first
    }

    /// Share of words written in the other script than the page's language (Latin on a kk/ru page, Cyrillic on an en page).
    static func foreignWordShare(_ text: String, language: String) -> Double {
        var words = 0, foreign = 0
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.count >= 2 {
            words += 1
            let cyrillic = word.unicodeScalars.allSatisfy { (0x400...0x4FF).contains($0.value) }
            let latin = word.unicodeScalars.allSatisfy { $0.isASCII }
            if language == "en" ? cyrillic : latin { foreign += 1 }
        }
        return words == 0 ? 0 : Double(foreign) / Double(words)
    }
}
