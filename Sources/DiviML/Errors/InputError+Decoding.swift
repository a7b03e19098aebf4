import Foundation

extension InputError {
    /// Turns a Codable failure into the file, the path inside it, and what was expected.
    /// - Parameter data: the bytes that failed, so a syntax error can be located by line and column.
    public init(decoding error: DecodingError, file: String, data: Data? = nil) {
        func render(_ path: [CodingKey]) -> String {
            path.reduce("") { text, key in
                if let i = key.intValue { return text + "[\(i)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case let .keyNotFound(key, context):
            self = .malformed(file: file, path: render(context.codingPath + [key]), expected: "a value for required key '\(key.stringValue)'")
        case let .typeMismatch(type, context):
            self = .malformed(file: file, path: render(context.codingPath), expected: "a value of type \(type) (\(context.debugDescription))")
        case let .valueNotFound(type, context):
            self = .malformed(file: file, path: render(context.codingPath), expected: "a value of type \(type), found null")
        case let .dataCorrupted(context):
            let located = context.codingPath.isEmpty ? data.flatMap(jsonSyntaxLocation) : nil
            self = .malformed(file: file, path: located ?? render(context.codingPath),
                              expected: located == nil ? context.debugDescription : "valid JSON syntax")
        @unknown default:
            self = .malformed(file: file, path: "", expected: "\(error)")
        }
    }
}

/// `line L, column C (path)` of the first JSON syntax error in `data` (`JSONSyntax`), or nil
/// when the syntax is fine. - Complexity: O(|data|).
func jsonSyntaxLocation(_ data: Data) -> String? {
    do {
        _ = try JSONSyntax.check(data)
        return nil
    } catch {
        return (error as? JSONSyntax.Violation)?.place ?? "an unknown place"
    }
}
