import Foundation
import DalaText

extension Pipeline {
    /// The title the text analysis finds (the first part of kind `title`, as written in the original text), for
    /// submissions without one; nil when the text has no title-like first part.
    public func documentTitle(of raw: String) -> String? {
        let analysis = text.analyze(raw)
        guard let part = analysis.documents.first?.parts.first(where: { $0.kind == .title }) else { return nil }
        let scalars = Array(raw.unicodeScalars)
        guard part.span.start >= 0, part.span.end <= scalars.count, part.span.start < part.span.end else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[part.span.start..<part.span.end])
        let title = String(view).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return title.isEmpty || title.count > 300 ? nil : title
    }
}
