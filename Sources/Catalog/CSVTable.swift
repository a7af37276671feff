/// RFC 4180 CSV: header first, CRLF line ends, fields quoted when they contain a comma, quote,
/// CR or LF (quotes doubled). Text cells that begin with `=`, `+`, `-`, `@`, tab or CR are
/// prefixed with `'` so spreadsheets do not run them as formulas (OWASP "CSV injection").
public struct CSVTable {
    public let header: [String]
    private var text: String

    public init(header: [String]) {
        self.header = header
        text = header.map(Self.quote).joined(separator: ",") + "\r\n"
    }

    /// A cell: text (neutralised against formulas) or a number (written as given).
    public enum Cell {
        case text(String?)
        case number(String)
    }

    public mutating func append(_ cells: [Cell]) {
        precondition(cells.count == header.count, "row has \(cells.count) cells, header \(header.count)")
        text += cells.map { cell -> String in
            switch cell {
            case .text(let s): return Self.quote(Self.neutralise(s ?? ""))
            case .number(let s): return s
            }
        }.joined(separator: ",") + "\r\n"
    }

    public var contents: String { text }

    /// The rows appended since the last call (the header first, the first time), which are then
    /// dropped: a large table is written in pieces this way.
    public mutating func drain() -> String {
        defer { text = "" }
        return text
    }

    static func neutralise(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + s : s
    }

    static func quote(_ s: String) -> String {
        let needs = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        return needs ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
