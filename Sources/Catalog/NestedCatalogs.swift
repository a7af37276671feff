import Foundation

/// Backbeat catalogs that lie inside a dataset (`-o DATASET/site`, an older catalog kept beside the
/// music): the files their manifests list (`--audio copy` clips) are Backbeat's output, never new
/// tracks. Folders are compared by resolved path, so a dataset reached through a link finds them
/// whatever the spelling.
enum NestedCatalogs {
    /// For each of `files` (relative to `root`, the dataset with links resolved) that a catalog in
    /// one of its folders lists, that catalog's folder (relative to `root`).
    static func listedFiles(_ files: [String], root: URL) -> [String: String] {
        let folders = OwnedTree.ancestors(of: Set(files)).union([""])
        var manifests: [String: Set<String>] = [:]
        for folder in folders {
            let url = folder.isEmpty ? root : root.appendingPathComponent(folder)
            if let manifest = try? CatalogManifest.read(folder: url) { manifests[folder] = manifest.paths }
        }
        guard !manifests.isEmpty else { return [:] }
        var listed: [String: String] = [:]
        for file in files {
            for (folder, paths) in manifests {
                let inside = folder.isEmpty ? file : (file.hasPrefix(folder + "/") ? String(file.dropFirst(folder.count + 1)) : nil)
                if let inside, paths.contains(inside) { listed[file] = folder }
            }
        }
        return listed
    }
}
