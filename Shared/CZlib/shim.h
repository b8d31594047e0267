// zlib's raw inflate/deflate for ZIP entries (DOCX). inflateInit2/deflateInit2 are macros Swift cannot call.
#include <zlib.h>

static inline int dala_inflate_init_raw(z_stream *s) { return inflateInit2(s, -MAX_WBITS); }
static inline int dala_deflate_init_raw(z_stream *s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
