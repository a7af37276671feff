// The tags libsndfile does not expose (album artist, disc number), read with TagLib's property
// map: ID3v2 (TPE2, TPOS), Vorbis comments (ALBUMARTIST, DISCNUMBER), MP4, APE, RIFF INFO.
#include "TagShim.h"

#include <cstdlib>
#include <cstring>
#include <fileref.h>
#include <tpropertymap.h>

extern "C" int bb_tag_properties(const char *path, const char *const *keys, int count, char **values) {
    for (int i = 0; i < count; i++) values[i] = nullptr;
    try {
        TagLib::FileRef file(path, false); // no audio properties: tags only
        if (file.isNull() || file.file() == nullptr || !file.file()->isValid()) return -1;
        const TagLib::PropertyMap properties = file.file()->properties();
        for (int i = 0; i < count; i++) {
            auto found = properties.find(TagLib::String(keys[i]).upper());
            if (found == properties.end() || found->second.isEmpty()) continue;
            const std::string text = found->second.front().to8Bit(true);
            if (text.empty()) continue;
            char *copy = static_cast<char *>(std::malloc(text.size() + 1));
            if (copy == nullptr) continue;
            std::memcpy(copy, text.c_str(), text.size() + 1);
            values[i] = copy;
        }
        return 0;
    } catch (...) {
        for (int i = 0; i < count; i++) { std::free(values[i]); values[i] = nullptr; }
        return -1;
    }
}

extern "C" void bb_tag_free(char *value) { std::free(value); }

extern "C" int bb_tag_set_properties(const char *path, const char *const *keys, const char *const *values, int count) {
    try {
        TagLib::FileRef file(path, false);
        if (file.isNull() || file.file() == nullptr || !file.file()->isValid()) return -1;
        TagLib::PropertyMap properties = file.file()->properties();
        for (int i = 0; i < count; i++) {
            properties.replace(TagLib::String(keys[i]).upper(), TagLib::StringList(TagLib::String(values[i], TagLib::String::UTF8)));
        }
        file.file()->setProperties(properties);
        return file.file()->save() ? 0 : -1;
    } catch (...) {
        return -1;
    }
}
