-- Original files (PDF, DOCX, HTML) behind documents, and each document's page map.
-- A document made from a file keeps the file here; its text (documents.raw_text) is the pages joined by form feeds,
-- and document_pages gives each page's code point range in that text (half-open, like every offset).

CREATE TABLE document_files (
    document_id   uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    sha256        text NOT NULL,                 -- of the file's bytes: the same file twice is one document
    media_type    text NOT NULL,
    filename      text,
    byte_length   bigint NOT NULL,
    content       bytea NOT NULL,
    page_count    integer NOT NULL,
    ocr_pages     integer NOT NULL DEFAULT 0,    -- pages without a usable text layer
    ocr_done      integer NOT NULL DEFAULT 0,    -- of those, recognised so far (progress)
    ocr_status    text NOT NULL DEFAULT 'none' CHECK (ocr_status IN ('none', 'pending', 'done', 'failed')),
    file_metadata jsonb NOT NULL DEFAULT '{}',   -- title, authors, year, language as found in the file
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_files_sha256_key UNIQUE (sha256)
);

CREATE TABLE document_pages (
    document_id    uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page           integer NOT NULL,
    start_offset   integer NOT NULL,
    end_offset     integer NOT NULL,
    source         text NOT NULL CHECK (source IN ('text', 'ocr', 'pending')),
    ocr_confidence real,                          -- Tesseract's mean word confidence, 0-100
    ocr_language   text,
    ocr_text       text,                          -- OCR output until the document's text is rebuilt (resumable)
    PRIMARY KEY (document_id, page)
);
-- Offset → page: the last page starting at or before the offset.
CREATE INDEX document_pages_offset_idx ON document_pages (document_id, start_offset);
