import Foundation

extension SolverLibraries {
    /// What `diviml doctor` reports for one library.
    public struct Status: Sendable {
        public var library: SolverLibrary
        /// The file that was opened, when one was.
        public var path: String?
        /// The library's own version string, when it exports one.
        public var version: String?
        /// Why it cannot be used (not found, missing symbol, wrong ABI), when it cannot.
        public var problem: String?
        /// Whether the engines that need it can run.
        public var usable: Bool { problem == nil && path != nil }
    }

    /// Loads each library (as a solve would) and reports path, version or the problem.
    /// - Complexity: one dlopen per library; may start `python3` once.
    public static func status(environment: [String: String] = ProcessInfo.processInfo.environment) -> [Status] {
        SolverLibrary.allCases.map { library in
            do {
                switch library {
                case .ortools:
                    let cp = try CPSATLibrary(environment: environment)
                    return Status(library: library, path: cp.library.path, version: cp.version.map { "OR-Tools \($0)" })
                case .highs:
                    let h = try HighsLibrary(environment: environment)
                    return Status(library: library, path: h.library.path, version: "HiGHS \(h.version)")
                }
            } catch {
                return Status(library: library, problem: "\(error)")
            }
        }
    }
}
