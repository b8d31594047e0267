// Poppler's GLib API (PDF text per page, metadata, rendering) and cairo (page images, test PDFs).
#include <poppler.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>

// GError is a struct Swift sees fine, but its fields are read here so Swift never frees it twice.
static inline PopplerDocument *dala_pdf_open(const void *data, size_t length, int *error_code, char **error_message) {
    GBytes *bytes = g_bytes_new(data, length);
    GError *error = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &error);
    g_bytes_unref(bytes);
    if (doc == NULL) {
        *error_code = error ? error->code : -1;
        *error_message = error ? g_strdup(error->message) : NULL;
        if (error) g_error_free(error);
    }
    return doc;
}
