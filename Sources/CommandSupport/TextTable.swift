/// A plain-text table with aligned columns: text left, numbers right.
package struct TextTable {
    package var header: [String]
    package var rows: [[String]] = []

    package init(_ header: String...) { self.header = header }

    /// A table with these column headers.
    package init(columns: [String]) { self.header = columns }

    package mutating func add(_ cells: String...) { rows.append(cells) }
    package mutating func add(_ cells: [String]) { rows.append(cells) }

    package var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max()! }
        let numeric = header.indices.map { c in rows.allSatisfy { $0.indices.contains(c) && isNumeric($0[c]) } && !rows.isEmpty }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return numeric[c] ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    private func isNumeric(_ s: String) -> Bool {
        guard let first = s.first else { return true }
        return first.isNumber || first == "-" || first == "+" || first == "∞"
    }
}

extension String {
    package func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
