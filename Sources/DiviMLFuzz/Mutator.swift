import DiviML
import Foundation

/// Seeded mutations of an input file: byte-level ones for every file (flip a bit, write an
/// interesting byte or varint, delete, duplicate, truncate) and, for text, token-level ones
/// that reach past the parser (a number replaced by an extreme one, a name by another
/// name of the file, a line dropped or repeated, a trailing comma).
///
/// Same data, same seed, same mutant.
public enum Mutator {
    /// Numbers that break arithmetic: zero, signs, the edges of Int64 and Double, denormals.
    static let interestingNumbers = [
        "0", "-0", "-1", "1", "0.5", "1.5", "2", "65536", "2147483648", "4294967296", "1e9", "1e30", "1e308", "-1e308",
        "1e309", "1e-320", "5e-324", "1e-9", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1099511627776", "NaN", ".inf", "-.inf", "1e400",
    ]
    static let interestingBytes: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x22, 0x2C, 0x5D, 0x7D, 0x0A]
    static let interestingVarints: [UInt64] = [0, 1, 0x7F, 0xFFFF_FFFF, 1 << 31, 1 << 40, 1 << 62, UInt64(Int64.max), UInt64.max]

    /// `data` after one to three mutations drawn with `seed`.
    /// - Complexity: O(|data|) per mutation.
    public static func mutate(_ data: Data, seed: UInt64) -> Data {
        var rng = SeededGenerator(seed: seed)
        var bytes = [UInt8](data)
        let isText = !bytes.contains(0) && String(validating: bytes, as: UTF8.self) != nil
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            if isText, rng.next() % 3 != 0 {
                mutateText(&bytes, using: &rng)
            } else {
                mutateBytes(&bytes, using: &rng)
            }
        }
        return Data(bytes)
    }

    private static func index(_ count: Int, _ rng: inout SeededGenerator) -> Int {
        count == 0 ? 0 : Int(rng.next() % UInt64(count))
    }

    private static func mutateBytes(_ bytes: inout [UInt8], using rng: inout SeededGenerator) {
        guard !bytes.isEmpty else { bytes = [interestingBytes[index(interestingBytes.count, &rng)]]; return }
        let at = index(bytes.count, &rng)
        let length = min(bytes.count - at, 1 + index(32, &rng))
        switch rng.next() % 6 {
        case 0: bytes[at] ^= 1 << UInt8(rng.next() % 8)
        case 1: bytes[at] = interestingBytes[index(interestingBytes.count, &rng)]
        case 2: bytes.removeSubrange(at..<(at + length))
        case 3: bytes.insert(contentsOf: bytes[at..<(at + length)], at: index(bytes.count, &rng))
        case 4: bytes.removeSubrange(at...)
        default:
            var value = interestingVarints[index(interestingVarints.count, &rng)]
            var varint: [UInt8] = []
            repeat {
                varint.append(UInt8(value & 0x7F) | (value > 0x7F ? 0x80 : 0))
                value >>= 7
            } while value > 0
            bytes.replaceSubrange(at..<min(bytes.count, at + varint.count), with: varint)
        }
    }

    /// Tokens of a text file: numbers, double-quoted strings, words, line starts.
    private static func tokens(_ bytes: [UInt8]) -> (numbers: [Range<Int>], strings: [Range<Int>], words: [Range<Int>], lines: [Int]) {
        var numbers: [Range<Int>] = [], strings: [Range<Int>] = [], words: [Range<Int>] = [], lines = [0]
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        func isLetter(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b | 0x20) || b == 0x5F }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                lines.append(i + 1)
                i += 1
            } else if b == 0x22 {
                var j = i + 1
                while j < bytes.count, bytes[j] != 0x22, bytes[j] != 0x0A { j += bytes[j] == 0x5C ? 2 : 1 }
                j = min(j, bytes.count - 1)
                strings.append(i..<(j + 1))
                i = j + 1
            } else if isDigit(b) || (b == 0x2D && i + 1 < bytes.count && isDigit(bytes[i + 1])) {
                var j = i + 1
                while j < bytes.count, isDigit(bytes[j]) || [0x2E, 0x65, 0x45, 0x2B, 0x2D].contains(bytes[j]) { j += 1 }
                numbers.append(i..<j)
                i = j
            } else if isLetter(b) {
                var j = i + 1
                while j < bytes.count, isLetter(bytes[j]) || isDigit(bytes[j]) { j += 1 }
                words.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return (numbers, strings, words, lines)
    }

    private static func mutateText(_ bytes: inout [UInt8], using rng: inout SeededGenerator) {
        let found = tokens(bytes)
        func pick<T>(_ array: [T]) -> T? { array.isEmpty ? nil : array[index(array.count, &rng)] }
        switch rng.next() % 6 {
        case 0, 1:
            guard let number = pick(found.numbers) else { return mutateBytes(&bytes, using: &rng) }
            bytes.replaceSubrange(number, with: Array(interestingNumbers[index(interestingNumbers.count, &rng)].utf8))
        case 2:
            let pool = found.strings + found.words
            guard let target = pick(pool), let source = pick(pool) else { return mutateBytes(&bytes, using: &rng) }
            let replacement = rng.next() % 8 == 0 ? Array("\"\"".utf8) : Array(bytes[source])
            bytes.replaceSubrange(target, with: replacement)
        case 3:
            guard let line = pick(found.lines) else { return }
            let end = bytes[line...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.removeSubrange(line..<end)
        case 4:
            guard let line = pick(found.lines) else { return }
            let end = bytes[line...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.insert(contentsOf: bytes[line..<end], at: end)
        default:
            let closers = bytes.indices.filter { bytes[$0] == 0x5D || bytes[$0] == 0x7D }
            guard let at = pick(closers) else { return mutateBytes(&bytes, using: &rng) }
            bytes.insert(0x2C, at: at)
        }
    }
}
