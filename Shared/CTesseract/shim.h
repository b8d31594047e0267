// Tesseract's C API (OCR of page images).
#include <tesseract/capi.h>
