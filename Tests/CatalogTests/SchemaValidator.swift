import Foundation

/// A minimal JSON Schema validator for the keywords our schema uses: type, const, enum,
/// required, properties, additionalProperties, items, pattern, minimum, maximum,
/// exclusiveMinimum, $ref to #/$defs. Returns the violations as paths with messages.
struct SchemaValidator {
    let root: [String: Any]

    func validate(_ value: Any) -> [String] { check(value, against: root, at: "$") }

    private func check(_ value: Any, against schema: [String: Any], at path: String) -> [String] {
        var errors: [String] = []
        if let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/"),
           let defs = root["$defs"] as? [String: Any], let target = defs[String(ref.dropFirst(8))] as? [String: Any] {
            return check(value, against: target, at: path)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? ""]
            if !types.contains(where: { matches(value, $0) }) { errors.append("\(path): not of type \(types)") }
        }
        if let c = schema["const"], "\(c)" != "\(value)" { errors.append("\(path): must be \(c)") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { "\($0)" == "\(value)" }) { errors.append("\(path): not in \(e)") }
        if let n = value as? NSNumber, !isBool(value) {
            if let m = schema["minimum"] as? Double, n.doubleValue < m { errors.append("\(path): below \(m)") }
            if let m = schema["maximum"] as? Double, n.doubleValue > m { errors.append("\(path): above \(m)") }
            if let m = schema["exclusiveMinimum"] as? Double, n.doubleValue <= m { errors.append("\(path): not above \(m)") }
        }
        if let s = value as? String, let pattern = schema["pattern"] as? String,
           s.range(of: pattern, options: .regularExpression) == nil { errors.append("\(path): does not match \(pattern)") }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { errors.append("\(path): missing \(key)") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, v) in object {
                if let sub = properties[key] as? [String: Any] {
                    errors += check(v, against: sub, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool, !allowed { errors.append("\(path): unexpected \(key)") }
                    if let sub = extra as? [String: Any] { errors += check(v, against: sub, at: "\(path).\(key)") }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in array.enumerated() { errors += check(v, against: items, at: "\(path)[\(i)]") }
        }
        return errors
    }

    /// JSON true/false arrive as NSNumber too; their Objective-C type is `c` (char).
    private func isBool(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        case "integer": if let n = value as? NSNumber, !isBool(value) { return n.doubleValue == n.doubleValue.rounded() }; return false
        case "number": return value is NSNumber && !isBool(value)
        case "boolean": return isBool(value)
        default: return true
        }
    }
}
