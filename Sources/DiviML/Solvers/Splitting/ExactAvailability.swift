/// Whether the CP-SAT engine can run in this process (its library loads), asked once.
/// The splitting heuristic solves modules with CP-SAT when it can and says so when it
/// cannot; `auto` uses it to choose between the exact engine and splitting.
package enum ExactAvailability {
    /// Why CP-SAT cannot run, or nil when it can.
    package static let cpsatProblem: String? = {
        guard let status = SolverLibraries.status().first(where: { $0.library == .ortools }) else { return "libortools not looked for" }
        guard !status.usable else { return nil }
        // The first sentence: what is missing and where it was looked for (`diviml doctor` has the rest).
        let text = status.problem ?? "libortools not found"
        return text.range(of: ". ").map { String(text[..<$0.lowerBound]) } ?? text
    }()

    package static var cpsatUsable: Bool { cpsatProblem == nil }
}
