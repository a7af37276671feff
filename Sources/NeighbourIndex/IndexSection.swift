/// The payload sections of an index image, by kind, in the order they are written (their numbers are
/// part of the file format: `IndexHeader` stores one (offset, length) pair per section).
protocol IndexSection: RawRepresentable where RawValue == Int {}

/// `ExactIndex`: the prepared vectors only.
enum ExactSection: Int, IndexSection {
    case vectors = 0
}

/// `ForestIndex`: vectors, one root per tree, two children per node, one hyperplane and offset per
/// node, leaf bounds (two per leaf) and the items the leaves point into.
enum ForestSection: Int, IndexSection {
    case vectors = 0, roots, children, planes, offsets, leafBounds, items
}

/// `LSHIndex`: vectors, the random hyperplanes and their offsets, and per table the sorted codes and
/// the items in that order.
enum LSHSection: Int, IndexSection {
    case vectors = 0, planes, planeOffsets, codes, items
}

extension IndexImage {
    func section<T>(_ s: some IndexSection, as type: T.Type) -> UnsafePointer<T> { section(s.rawValue, as: type) }
    func sectionCount<T>(_ s: some IndexSection, of type: T.Type) -> Int { sectionCount(s.rawValue, of: type) }
}

extension IndexHeader {
    /// The (offset, length) of section `s`.
    func section(_ s: some IndexSection) -> Section { sections[s.rawValue] }
}
