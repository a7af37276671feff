// TagLib (https://taglib.org), through pkg-config `taglib_c` (libtagc0-dev, which brings libtag1-dev).
// Only the TagShim target uses it: TagLib 1.13's C API has no property map (album artist, disc
// number), so TagShim reads those through the C++ API and exposes one C function.
#include <tag_c.h>
