extension MeasuredCosts {
    /// This table with `other`'s entries added; where both have a (node, device), `other` wins.
    /// Links likewise: `other`'s link between two devices replaces this table's.
    public func merging(_ other: MeasuredCosts) -> MeasuredCosts {
        let replaced = Set(other.links.map(\.key))
        return MeasuredCosts(seconds.merging(other.seconds) { mine, theirs in mine.merging(theirs) { _, new in new } },
                             links: links.filter { !replaced.contains($0.key) } + other.links)
    }

    /// The table for `copies` micro-batch copies of a graph: each entry for node `x` also
    /// applies to `mb<i>/x` (see `OpGraph.replicated(copies:)`); links unchanged. One copy: unchanged.
    public func expandedForCopies(_ copies: Int) -> MeasuredCosts {
        guard copies > 1 else { return self }
        var table: [String: [String: Double]] = [:]
        for (node, row) in seconds { for c in 0..<copies { table["mb\(c)/\(node)"] = row } }
        return MeasuredCosts(table, links: links)
    }
}
