import DalaAnalysis
import DalaCore
import Foundation
import Testing
@testable import DalaExtract

/// Extraction from files the tests make themselves (cairo PDFs, ZIP-written DOCX, HTML strings).
@Suite struct PDFTextLayerTests {
    @Test func pagesKeepTheirTextAndRanges() throws {
        let pdf = PDFWriter.textPDF(pages: Samples.ru, title: "Транзит", author: "А. Иванова; B. Smith")
        let x = try Extractor.extract(pdf, format: .pdf)
        #expect(x.pages.count == 2)
        #expect(x.pendingOCR.isEmpty)
        #expect(x.metadata.title == "Транзит")
        #expect(x.metadata.authors == ["А. Иванова", "B. Smith"])
        let (text, spans) = x.assembled()
        let scalars = Array(text.unicodeScalars)
        for (i, span) in spans.enumerated() {
            let slice = String(String.UnicodeScalarView(scalars[span.start..<span.end]))
            #expect(slice == x.pages[i].text)
            #expect(span.page == i + 1)
        }
        #expect(x.pages[0].text.contains("Казахстан и Кыргызстан"))
        #expect(x.pages[1].text.contains("Саммит ШОС"))
        #expect(scalars[spans[0].end] == "\u{0C}")
    }

    /// The text a PDF gives, put through the analysis, yields the entities and events of the plain text.
    @Test(arguments: ["kk", "ru", "en"]) func sameEntitiesAndEventsAsPlainText(language: String) throws {
        let pages = Samples.all.first { $0.language == language }!.pages
        let pipeline = try Pipeline()
        let plain = pipeline.analyze(pages.joined(separator: "\n\n"), documentDate: "2024").annotationSet(configHash: "t")
        let (text, _) = try Extractor.extract(PDFWriter.textPDF(pages: pages), format: .pdf).assembled()
        let fromPDF = pipeline.analyze(text, documentDate: "2024").annotationSet(configHash: "t")
        #expect(!plain.mentions.isEmpty)
        #expect(Set(fromPDF.mentions.map(\.entityID)) == Set(plain.mentions.map(\.entityID)))
        #expect(fromPDF.events.map(\.type).sorted() == plain.events.map(\.type).sorted())
        // Every mention's offsets still point at its surface in the stored text.
        let scalars = Array(text.unicodeScalars)
        for m in fromPDF.mentions {
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.surface)
        }
    }

    /// A page in two scripts (a Kazakh article with its English abstract) keeps both and both are analysed.
    @Test func mixedScriptsOnOnePage() throws {
        let page = Samples.kk[0] + "\nAbstract. " + Samples.en[0]
        let x = try Extractor.extract(PDFWriter.textPDF(pages: [page]), format: .pdf)
        #expect(x.pages.count == 1 && !x.pages[0].needsOCR)
        let set = try Pipeline().analyze(x.assembled().text).annotationSet(configHash: "t")
        let surfaces = Set(set.mentions.map(\.surface))
        #expect(surfaces.contains("Қазақстан") && surfaces.contains("Kazakhstan"))
        #expect(Set(set.mentions.filter { $0.surface == "Қазақстан" || $0.surface == "Kazakhstan" }.map(\.entityID)).count == 1)
    }

    @Test func yearsInsideSentencesAreNotPublicationYears() {
        #expect(FirstPage.year("Тәуелсіздік жылдарында, 1991 жылдан бері, Қазақстан көп салалы сыртқы саясат жүргізіп келеді.") == nil)
        #expect(FirstPage.year("Вестник КазНУ, 2019, № 3\nСерия международных отношений") == 2019)
        #expect(FirstPage.year("Астана, 1850") == nil)
    }

    @Test func yearFromTheFirstPageBeforeTheFileDate() throws {
        let pdf = PDFWriter.textPDF(pages: ["Орталық Азия: интеграция баяндамасы\nАстана, 2021\n\n" + Samples.kk[0]])
        let x = try Extractor.extract(pdf, format: .pdf)
        #expect(x.metadata.year == 2021)
        #expect(x.metadata.title == "Орталық Азия: интеграция баяндамасы")
    }
}

/// Serialized: OCR is the heaviest work in the test run, and timing tests elsewhere share the two cores.
@Suite(.serialized) struct ScannedPDFTests {
    @Test func imagePagesGoToOCR() throws {
        let pdf = PDFWriter.scannedPDF(pages: [Samples.en[0]])
        let x = try Extractor.extract(pdf, format: .pdf)
        #expect(x.pendingOCR == [1])
        let (text, spans) = x.assembled()
        #expect(text.isEmpty)
        #expect(spans == [PageSpan(page: 1, start: 0, end: 0, source: .pending)])
    }

    /// OCR of rendered pages: character accuracy per language, and the page's language guessed from its letters.
    @Test(arguments: ["kk", "ru", "en"]) func ocrReadsRenderedPages(language: String) throws {
        let text = Samples.all.first { $0.language == language }!.pages[0]
        let pdf = PDFWriter.scannedPDF(pages: [text], dpi: 200)
        let renderer = try PDFPageRenderer(pdf)
        var limits = ExtractionLimits()
        limits.ocrDPI = 200   // the scan's own resolution; 300 dpi reads the same here at twice the pixels
        let page = try PageReader().read(try renderer.render(page: 1, limits: limits))
        let accuracy = CharacterAccuracy.of(page.text, truth: text)
        #expect(accuracy > 0.95, "\(language): \(accuracy) «\(page.text)»")
        #expect(page.language == language)
        #expect(page.confidence > 70)
        #expect(PageReader.foreignWordShare(page.text, language: language) == 0, "\(page.text)")
    }

    @Test func wordsInTheOtherScriptAreCounted() {
        #expect(PageReader.foreignWordShare("Kazakhstan апа Uzbekistan signed ап agreement", language: "en") == 2.0 / 6)
        #expect(PageReader.foreignWordShare("Қазақстан мен Өзбекстан", language: "kk") == 0)
    }

    @Test func blankImageGivesNoText() throws {
        let engine = try OCREngine()
        let page = engine.recognise(GrayImage(width: 800, height: 600, dpi: 300, pixels: [UInt8](repeating: 255, count: 800 * 600)))
        #expect(page.text.isEmpty)
        #expect(page.language == nil)
    }
}

@Suite struct DOCXTests {
    static func docx(_ paragraphs: [[String]], core: String? = nil) -> [UInt8] {
        let body = paragraphs.enumerated().map { i, page in
            (i > 0 ? "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" : "")
                + page.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r></w:p>" }.joined()
        }.joined()
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        var files: [(name: String, data: [UInt8])] = [
            ("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", Array(xml.utf8)),
        ]
        if let core { files.append(("docProps/core.xml", Array(core.utf8))) }
        return ZipWriter.archive(files)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    @Test func paragraphsPagesAndCoreProperties() throws {
        let core = """
            <cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="y">
            <dc:title>Су &amp; энергетика</dc:title><dc:creator>Айгүл Сейіт</dc:creator><dc:language>kk-KZ</dc:language>
            <dcterms:created>2022-03-01T10:00:00Z</dcterms:created></cp:coreProperties>
            """
        let pages = Samples.kk.map { $0.split(separator: "\n").map(String.init) }
        let x = try Extractor.extract(Self.docx(pages, core: core), format: .docx)
        #expect(x.pages.count == 2)
        #expect(x.pages[0].text == Samples.kk[0])
        #expect(x.pages[1].text == Samples.kk[1])
        #expect(x.metadata.title == "Су & энергетика")
        #expect(x.metadata.authors == ["Айгүл Сейіт"])
        #expect(x.metadata.language == "kk")
        #expect(x.metadata.createdYear == 2022)
        #expect(x.metadata.year == nil)   // the file's creation date is not a publication year; 2019 is inside a sentence
    }

    @Test func sameEntitiesAsPlainText() throws {
        let pipeline = try Pipeline()
        let plain = pipeline.analyze(Samples.ru.joined(separator: "\n\n")).annotationSet(configHash: "t")
        let docx = try Extractor.extract(Self.docx(Samples.ru.map { [$0] }), format: .docx).assembled().text
        let fromDOCX = pipeline.analyze(docx).annotationSet(configHash: "t")
        #expect(Set(fromDOCX.mentions.map(\.entityID)) == Set(plain.mentions.map(\.entityID)))
        #expect(fromDOCX.events.map(\.type).sorted() == plain.events.map(\.type).sorted())
    }
}

@Suite struct HTMLTests {
    @Test func visibleTextAndHeadMetadata() throws {
        let html = """
            <!DOCTYPE html><html lang="ru"><head><title>Транзит &amp; торговля</title>
            <meta name="citation_author" content="Иванова А."><meta name="citation_publication_date" content="2021/05/04">
            <style>p { color: red }</style><script>var x = "<p>не текст</p>";</script></head>
            <body><nav>Меню</nav><h1>Новости</h1><p>Казахстан и Кыргызстан в&nbsp;2021 году
            подписали <b>соглашение</b> о транзите.</p><!-- комментарий --><p>Саммит&#32;ШОС &#x2014; в Бишкеке.</p></body></html>
            """
        let x = try Extractor.extract(Array(html.utf8), format: .html)
        #expect(x.pages.count == 1)
        #expect(x.pages[0].text == "Меню\nНовости\nКазахстан и Кыргызстан в\u{A0}2021 году подписали соглашение о транзите.\nСаммит ШОС \u{2014} в Бишкеке.")
        #expect(x.metadata.title == "Транзит & торговля")
        #expect(x.metadata.authors == ["Иванова А."])
        #expect(x.metadata.year == 2021)
        #expect(x.metadata.language == "ru")
    }

    @Test func windows1251IsConverted() throws {
        let html = "<html><head><meta charset=\"windows-1251\"></head><body><p>Казахстан подписал соглашение с Узбекистаном.</p></body></html>"
        let bytes = [UInt8](html.data(using: .windowsCP1251)!)
        let x = try Extractor.extract(bytes, format: .html)
        #expect(x.pages[0].text == "Казахстан подписал соглашение с Узбекистаном.")
    }
}
