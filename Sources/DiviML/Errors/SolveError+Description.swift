/// The wording of the errors a solve can end in, in one place (as `InputError+Description`
/// words the input errors). The types carry data only.

extension Planner.NoPlan: CustomStringConvertible {
    public var description: String { "\(solver) found no schedule (\(status))" }
}

extension HeuristicDeadEnd: CustomStringConvertible {
    public var description: String {
        "\(solver) found no device with memory left for node '\(node)' (and its group); "
            + "the weights may still fit with another placement: try an exact solver"
    }
}

extension ServiceLevelUnreachable: CustomStringConvertible {
    public var description: String { "no plan meets \(target): \(best)" }
}

extension MILPExportError: CustomStringConvertible {
    public var description: String { "could not write the MILP model to '\(path)' (use a .mps or .lp file name in a writable folder)" }
}
