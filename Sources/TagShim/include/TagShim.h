#ifndef BACKBEAT_TAGSHIM_H
#define BACKBEAT_TAGSHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// Reads the tags named by `keys` (TagLib property names, e.g. "ALBUMARTIST", "DISCNUMBER") of the
/// file at `path` into `values`: each a malloc'd UTF-8 string (free with `bb_tag_free`) holding the
/// first value of that property, or NULL when the file has none. Returns 0 when the file could be
/// read, -1 when TagLib cannot open it (every value NULL). Never throws.
int bb_tag_properties(const char *path, const char *const *keys, int count, char **values);

void bb_tag_free(char *value);

/// Sets the TagLib properties `keys` to `values` (UTF-8) in the file at `path` and saves it.
/// Returns 0 on success, -1 when TagLib cannot open or save the file. Never throws.
int bb_tag_set_properties(const char *path, const char *const *keys, const char *const *values, int count);

#ifdef __cplusplus
}
#endif

#endif
