/// Overflow-checked arithmetic for the shape rules, and the limit every tensor must keep.
///
/// Values in an ONNX file (dimensions, kernels, strides, pads, repeats, scales) are
/// untrusted: a rule computes with them only through these helpers, which throw a
/// `ShapeFault` naming the attribute or input instead of trapping on overflow. The importer
/// turns the fault into an `InputError` naming the file and the node.
extension ONNXShapeInference {
    /// The largest tensor the importer accepts, in bytes: 2^62 (4 EiB), so that the sum of
    /// a node's inputs, outputs or weights and every byte count derived from it stays inside
    /// `Int64` for any realistic number of tensors, and far above any device's memory.
    static let maximumTensorBytes: Int64 = 1 << 62

    /// What is wrong with one value a rule read: the attribute or input (`dilations`,
    /// `input 1 (repeats)`), what the rule needs, and what the file gives.
    struct ShapeFault: Error {
        var field: String
        var expected: String
        var found: String
    }

    static func product(_ a: Int, _ b: Int, _ field: String) throws -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw tooLarge(field, "\(a) × \(b)") }
        return value
    }

    static func sum(_ terms: Int..., field: String) throws -> Int {
        var total = 0
        for t in terms {
            let (value, overflow) = total.addingReportingOverflow(t)
            guard !overflow else { throw tooLarge(field, terms.map(String.init).joined(separator: " + ")) }
            total = value
        }
        return total
    }

    private static func tooLarge(_ field: String, _ expression: String) -> ShapeFault {
        ShapeFault(field: field, expected: "values whose shape arithmetic fits in 64-bit integers", found: "\(expression), which overflows")
    }

    /// Checks that `values` has `count` entries (a per-axis attribute against the kernel's
    /// rank; `what` says which, e.g. "a 2-D kernel").
    static func requireCount(_ values: [Int], _ count: Int, _ field: String, for what: String) throws {
        guard values.count == count else {
            throw ShapeFault(field: field, expected: "\(count) values for \(what)", found: "\(values.count): \(values)")
        }
    }

    /// Checks that every value is at least `least`.
    static func requireAtLeast(_ values: [Int], _ least: Int, _ field: String) throws {
        guard let bad = values.first(where: { $0 < least }) else { return }
        throw ShapeFault(field: field, expected: "values >= \(least)", found: "\(bad) in \(values)")
    }

    /// Why a tensor of this shape and element size cannot be imported, or nil when it can:
    /// every dimension non-negative and the whole at most `maximumTensorBytes`.
    static func shapeProblem(_ shape: [Int], elementBytes: Int) -> String? {
        if let bad = shape.first(where: { $0 < 0 }) { return "a negative dimension \(bad) in \(shape)" }
        guard let count = checkedElementCount(shape) else { return "shape \(shape), whose element count overflows 64 bits" }
        let (bytes, overflow) = Int64(count).multipliedReportingOverflow(by: Int64(elementBytes))
        guard !overflow, bytes <= maximumTensorBytes else {
            return "shape \(shape) (\(count) elements of \(elementBytes) B), more than 2^62 bytes"
        }
        return nil
    }
}
