// Tesseract's C API (OCR of page images).
#include <tesseract/capi.h>

// Debian's Tesseract is built with OpenMP, which by default spreads one page over every core; Dala runs one page per
// thread instead (services share the machine). Declared here because omp.h is GCC's and not on clang's path.
extern void omp_set_num_threads(int);
