#include <fftw3.h>

/* fftwf_version is an array of unknown size, which Swift cannot import directly. */
static inline const char *backbeat_fftwf_version(void) { return fftwf_version; }
