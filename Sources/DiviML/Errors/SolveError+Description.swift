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

extension SolverLibraryError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .notFound(library, searched):
            return "\(library.engines) needs \(library.fileName), which was not found (looked in: "
                + searched.joined(separator: "; ") + "). " + Self.installHint(library)
        case let .unusable(library, path, reason):
            return "\(library.engines) cannot use \(path): \(reason). " + Self.installHint(library)
        }
    }

    /// The two ways to get the pinned libraries, and the variable that points at others.
    static func installHint(_ library: SolverLibrary) -> String {
        "Install the solver libraries with `scripts/fetch-solvers.sh` (downloads the OR-Tools "
            + "\(SolverLibraries.ortoolsPin) wheel into .solvers/, no system-wide install) or "
            + "`pip install ortools==\(SolverLibraries.ortoolsPin)` (in a virtual environment), or set "
            + "\(library.environmentVariable) (or DIVIML_SOLVER_LIBS) to the library's file or folder. "
            + "`diviml doctor` shows what was found."
    }
}
