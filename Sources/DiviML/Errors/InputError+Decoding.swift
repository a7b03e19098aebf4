import Foundation

extension InputError {
    /// Turns a Codable failure into the file, the path inside it, and what was expected.
    /// (JSON syntax errors never reach here: `checkJSONSyntax` locates them first.)
    public init(decoding error: DecodingError, file: String) {
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
            self = .malformed(file: file, path: render(context.codingPath), expected: context.debugDescription)
        @unknown default:
            self = .malformed(file: file, path: "", expected: "\(error)")
        }
    }
}
