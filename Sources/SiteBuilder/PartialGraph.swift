import Mustache

/// The partial references of a set of parsed templates, checked before anything renders: a
/// template that includes itself (directly or through others) would recurse until the stack
/// overflows, and a dynamic partial (`{{>*name}}`) takes its name from the data, that is, from
/// file names and tags.
///
/// The references are read from the templates as swift-mustache parsed them (through `Mirror`,
/// since the token list is internal), so a changed delimiter (`{{=<% %>=}}<%> self%>`) cannot hide
/// a partial from the check.
enum PartialGraph {
    /// The deepest chain of partials a site may use (the built-in templates use 1).
    static let maximumDepth = 8

    /// Names of the partials `template` includes (sections and inherited blocks included), and
    /// whether it has a dynamic partial.
    static func references(of template: MustacheTemplate) -> (names: Set<String>, dynamic: Bool) {
        var names = Set<String>(), dynamic = false
        func visit(_ value: Any, _ depth: Int) {
            guard depth < 256 else { dynamic = true; return } // deeper than any parse tree we write: refuse
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .enum, let payload = mirror.children.first {
                switch payload.label {
                case "partial":
                    if let name = Mirror(reflecting: payload.value).children.first?.value as? String { names.insert(name) }
                case "dynamicNamePartial":
                    dynamic = true
                default: break
                }
            }
            for child in mirror.children { visit(child.value, depth + 1) }
        }
        visit(template, 0)
        return (names, dynamic)
    }

    /// Checks `templates` (name → parsed template).
    /// - Returns: nil when every chain of partials ends within ``maximumDepth`` and none is
    ///   dynamic; else the offending template's name and what is wrong.
    static func problem(in templates: [String: MustacheTemplate]) -> (name: String, message: String)? {
        let edges = templates.mapValues { references(of: $0) }
        for (name, refs) in edges.sorted(by: { $0.key < $1.key }) where refs.dynamic {
            return (name, "uses a dynamic partial ({{>*…}}); partial names must be written in the template")
        }
        // Longest chain from each template, by depth-first search with the path on a stack.
        struct Cycle: Error { let name: String, message: String }
        var depth: [String: Int] = [:]
        func longest(_ name: String, _ path: [String]) -> Result<Int, Cycle> {
            if path.contains(name) { return .failure(Cycle(name: name, message: "includes itself (\((path + [name]).joined(separator: " → ")))")) }
            if let known = depth[name] { return .success(known) }
            var best = 0
            for next in (edges[name]?.names ?? []).sorted() where edges[next] != nil {
                switch longest(next, path + [name]) {
                case .success(let d): best = max(best, d + 1)
                case .failure(let cycle): return .failure(cycle)
                }
                if best > maximumDepth { return .failure(Cycle(name: name, message: "nests partials more than \(maximumDepth) deep")) }
            }
            depth[name] = best
            return .success(best)
        }
        for name in edges.keys.sorted() {
            if case .failure(let cycle) = longest(name, []) { return (cycle.name, cycle.message) }
        }
        return nil
    }
}
