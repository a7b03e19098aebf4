import Foundation

/// Decodes `T` from JSON, turning every failure into an `InputError` naming `file` and the path.
///
/// Foundation's decoder reports an integer field holding a fraction (`"bytes": 1.5`) or a
/// number outside the integer's range (2^63) as "The given data was not valid JSON.", with
/// no path. When that happens to text whose syntax is fine, the field is found here: the
/// numbers that are not `Int64`s are grouped by their key, and a key is to blame when the
/// decode still fails with every other group's numbers replaced by 0.
/// The text is first read strictly (`JSONSyntax`): a trailing comma, a repeated key or a
/// syntax error is reported at its line and column.
/// - Throws: `InputError.malformed` naming the file, the path and what was found.
/// - Complexity: O(|data|) on success; O(|data|·k) on that failure, k distinct keys holding
///   non-integers.
func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
    try checkJSONSyntax(data, file: file)
    do {
        return try JSONDecoder().decode(T.self, from: data)
    } catch let error as DecodingError {
        if case let .dataCorrupted(context) = error, context.codingPath.isEmpty, let number = misfitInteger(T.self, in: data) {
            throw InputError.malformed(file: file, path: number.path,
                                       expected: "a whole number from -2^63 to 2^63 - 1, found \(number.literal)")
        }
        throw InputError(decoding: error, file: file)
    }
}

/// Reads `data` strictly as JSON (`JSONSyntax`).
/// - Returns: the top level's keys and the kinds of their values.
/// - Throws: `InputError.malformed` at the line, column and path of the first departure.
/// - Complexity: O(|data|).
@discardableResult
func checkJSONSyntax(_ data: Data, file: String) throws -> [String: JSONSyntax.TopLevelValue] {
    do {
        return try JSONSyntax.check(data).topLevel
    } catch let violation as JSONSyntax.Violation {
        throw InputError.malformed(file: file, path: violation.place, expected: violation.expected)
    }
}

/// The first number in `data` that is not an `Int64` and that `T` decodes as an integer.
private func misfitInteger<T: Decodable>(_ type: T.Type, in data: Data) -> JSONNumberToken? {
    let misfits = JSONNumberToken.all(in: data).filter { Int64($0.literal) == nil }
    var keys: [String] = []
    for number in misfits where !keys.contains(number.key) { keys.append(number.key) }
    func stillFails(keeping key: String) -> Bool {
        let patched = JSONNumberToken.replacing(misfits.filter { $0.key != key }, in: data)
        do {
            _ = try JSONDecoder().decode(T.self, from: patched)
            return false
        } catch let DecodingError.dataCorrupted(context) {
            return context.codingPath.isEmpty
        } catch {
            return false
        }
    }
    let blamed = keys.count == 1 ? Set(keys) : Set(keys.filter(stillFails))
    return misfits.first { blamed.contains($0.key) }
}

/// A number literal in JSON text, with where it is.
struct JSONNumberToken {
    var literal: String
    var offset: Int
    /// `devices[2].memoryBytes`, as `InputError(decoding:)` renders coding paths.
    var path: String
    /// The last key on the path (the array's key for an element of an array).
    var key: String

    /// Every number in `data`, which must be valid JSON, in document order. - Complexity: O(|data|).
    static func all(in data: Data) -> [JSONNumberToken] {
        let bytes = [UInt8](data)
        var frames: [(key: String?, index: Int?, awaitingKey: Bool)] = []
        var result: [JSONNumberToken] = []
        func path() -> (String, String) {
            var text = "", last = ""
            for frame in frames {
                if let i = frame.index { text += "[\(i)]" } else if let k = frame.key {
                    text += text.isEmpty ? k : ".\(k)"
                    last = k
                }
            }
            return (text, last)
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "{"): frames.append((nil, nil, true))
            case UInt8(ascii: "["): frames.append((nil, 0, false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): frames.removeLast()
            case UInt8(ascii: ","):
                if let index = frames.last?.index { frames[frames.count - 1].index = index + 1 } else { frames[frames.count - 1].awaitingKey = true }
            case UInt8(ascii: "\""):
                var j = i + 1
                while bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                if frames.last?.awaitingKey == true {
                    frames[frames.count - 1].key = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    frames[frames.count - 1].awaitingKey = false
                }
                i = j
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var j = i
                while j < bytes.count, "+-.eE0123456789".utf8.contains(bytes[j]) { j += 1 }
                let (p, key) = path()
                result.append(JSONNumberToken(literal: String(decoding: bytes[i..<j], as: UTF8.self), offset: i, path: p, key: key))
                i = j - 1
            default: break
            }
            i += 1
        }
        return result
    }

    /// `data` with each of `numbers` (in document order) replaced by `0`.
    static func replacing(_ numbers: [JSONNumberToken], in data: Data) -> Data {
        var result = Data()
        var start = 0
        for number in numbers {
            result.append(data[(data.startIndex + start)..<(data.startIndex + number.offset)])
            result.append(UInt8(ascii: "0"))
            start = number.offset + number.literal.utf8.count
        }
        result.append(data[(data.startIndex + start)...])
        return result
    }
}
