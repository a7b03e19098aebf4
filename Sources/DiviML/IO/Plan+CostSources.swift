extension Plan {
    /// Marks each node with whether its cost on its chosen device was measured or
    /// modelled, and adds a one-line count to the notes.
    /// - Complexity: O(|V|·|K|).
    public mutating func recordCostSources(_ measured: MeasuredCosts, problem: SchedulingProblem) {
        for i in nodes.indices {
            nodes[i].costSource = measured.lookup(node: nodes[i].name, device: nodes[i].device) != nil ? .measured : .modelled
        }
        notes = (notes ?? []) + [measured.provenanceSummary(for: problem)]
    }
}
