import CPoppler
import Foundation

/// Writes PDFs with cairo: text-layer pages, or the same pages as images (a scan). The tests and the extraction
/// benchmark build their inputs with it from their own text, so no binary fixture is needed.
public enum PDFWriter {
    static let pageWidth = 595.0, pageHeight = 842.0, margin = 56.0   // A4 in points

    /// Text pages; a page too long for A4 continues on the next one. `font` is a fontconfig family name.
    public static func textPDF(pages: [String], title: String? = nil, author: String? = nil, fontSize: Double = 11,
                               font: String = "DejaVu Sans") -> [UInt8] {
        write(title: title, author: author) { surface, cr in
            for page in pages {
                var rest = lines(page, cr: cr, font: font, size: fontSize)
                repeat {
                    rest = draw(rest, cr: cr, font: font, size: fontSize)
                    cairo_show_page(cr)
                } while !rest.isEmpty
            }
        }
    }

    /// The same pages rendered to grey images at `dpi` and placed on PDF pages: no text layer at all.
    public static func scannedPDF(pages: [String], dpi: Double = 200, fontSize: Double = 11, font: String = "DejaVu Sans") -> [UInt8] {
        write(title: nil, author: nil) { surface, cr in
            for page in pages {
                for image in renderPages(page, dpi: dpi, fontSize: fontSize, font: font) {
                    cairo_save(cr)
                    cairo_scale(cr, 72 / dpi, 72 / dpi)
                    cairo_set_source_surface(cr, image, 0, 0)
                    cairo_paint(cr)
                    cairo_restore(cr)
                    cairo_show_page(cr)
                    cairo_surface_destroy(image)
                }
            }
        }
    }

    /// A page of text as a grey image (what a scanner would give, without the noise): OCR accuracy checks.
    public static func renderImages(_ text: String, dpi: Double = 300, fontSize: Double = 11, font: String = "DejaVu Sans") -> [GrayImage] {
        renderPages(text, dpi: dpi, fontSize: fontSize, font: font).map { surface in
            defer { cairo_surface_destroy(surface) }
            cairo_surface_flush(surface)
            let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
            let stride = Int(cairo_image_surface_get_stride(surface))
            let data = cairo_image_surface_get_data(surface)!
            var pixels = [UInt8](repeating: 255, count: w * h)
            for y in 0..<h { for x in 0..<w { pixels[y * w + x] = data[y * stride + x * 4] } }   // blue = grey here
            return GrayImage(width: w, height: h, dpi: dpi, pixels: pixels)
        }
    }

    /// RGB24 image surfaces with black text on white, one per page the text needs.
    static func renderPages(_ text: String, dpi: Double, fontSize: Double, font: String) -> [OpaquePointer] {
        let w = Int32(pageWidth * dpi / 72), h = Int32(pageHeight * dpi / 72)
        var out: [OpaquePointer] = []
        let measure = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)!
        let mcr = cairo_create(measure)!
        var rest = lines(text, cr: mcr, font: font, size: fontSize)
        cairo_destroy(mcr); cairo_surface_destroy(measure)
        repeat {
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
            let cr = cairo_create(surface)!
            cairo_set_source_rgb(cr, 1, 1, 1); cairo_paint(cr)
            cairo_scale(cr, dpi / 72, dpi / 72)
            rest = draw(rest, cr: cr, font: font, size: fontSize)
            cairo_destroy(cr)
            out.append(surface)
        } while !rest.isEmpty
        return out
    }

    /// Wraps paragraphs into lines that fit the text width.
    static func lines(_ text: String, cr: OpaquePointer, font: String, size: Double) -> [String] {
        cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        let width = pageWidth - 2 * margin
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                var ext = cairo_text_extents_t()
                cairo_text_extents(cr, candidate, &ext)
                if ext.x_advance > width && !line.isEmpty { out.append(line); line = String(word) } else { line = candidate }
            }
            out.append(line)
        }
        return out
    }

    /// Draws lines from the top of a page; returns those that did not fit.
    static func draw(_ lines: [String], cr: OpaquePointer, font: String, size: Double) -> [String] {
        cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        cairo_set_source_rgb(cr, 0, 0, 0)
        let step = size * 1.45
        var y = margin + size
        var i = 0
        while i < lines.count && y <= pageHeight - margin {
            cairo_move_to(cr, margin, y)
            cairo_show_text(cr, lines[i])
            y += step; i += 1
        }
        return Array(lines[i...])
    }

    final class Sink { var bytes: [UInt8] = [] }

    static func write(title: String?, author: String?, _ body: (OpaquePointer, OpaquePointer) -> Void) -> [UInt8] {
        let sink = Sink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        let surface = cairo_pdf_surface_create_for_stream(pdfWrite, context.toOpaque(), pageWidth, pageHeight)!
        if let title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        if let author { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author) }
        let cr = cairo_create(surface)!
        body(surface, cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        return sink.bytes
    }
}

/// cairo's write callback: appends to the `Sink` behind `closure`.
private func pdfWrite(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<PDFWriter.Sink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
