import Foundation

/// One HiGHS solve of a `LinearModel`: options, MIP start, model export, callback for
/// interrupt and progress, stdout kept clean.
struct HighsRun {
    struct Outcome {
        var modelStatus: Int32
        /// Column values when HiGHS holds a feasible solution.
        var values: [Double]?
        /// Proven lower bound on the objective (model units).
        var dualBound: Double
    }

    let library: HighsLibrary
    let options: SolveOptions
    let relativeGap: Double
    /// Files to write the model to before solving (.mps or .lp by extension).
    let exports: [String]
    /// Seconds per model time unit, for progress display.
    let unit: Double
    let label: String

    /// - Throws: `MILPExportError` when a model file cannot be written.
    func solve(_ m: LinearModel, start: [Double]?) throws -> Outcome {
        // HiGHS does not survive every unwritable path (an .lp file in a missing folder
        // crashes it), so the folder is checked first.
        for path in exports where MILPExportError.problem(with: path) != nil { throw MILPExportError(path: path) }
        let h = library.create()
        defer { library.destroy(h) }
        configure(h)
        pass(m, h)
        for path in exports {
            // HighsStatus: 0 ok, 1 warning, -1 error.
            let written = StdoutCapture.shared.capturing { library.writeModel(h, path) }
            guard written >= 0, FileManager.default.fileExists(atPath: path) else { throw MILPExportError(path: path) }
        }
        if let start, start.count == m.columnCount { _ = library.setSolution(h, start, nil, nil, nil) }
        let box = HighsCallbackBox(progress: SolveProgress(label: label, enabled: options.progress), unit: unit)
        defer { box.progress.finish() }
        let context = Unmanaged.passRetained(box)
        defer { context.release() }
        installCallback(h, context.toOpaque())
        StdoutCapture.shared.capturing {
            SolveInterruption.whileRunning(stop: { box.requestStop() }) { _ = library.run(h) }
        }
        return outcome(h, columns: m.columnCount)
    }

    /// One thread always (HiGHS's branch and bound is serial; one thread keeps its
    /// parallel helpers, such as symmetry detection, out of the timing), and under a work
    /// budget a node limit (`WorkBudget.highsNodes`), the wall-clock limit staying the cap.
    private func configure(_ h: UnsafeMutableRawPointer?) {
        _ = library.setBool(h, "output_flag", 0)
        _ = library.setBool(h, "log_to_console", 0)
        _ = library.setDouble(h, "time_limit", max(0.01, options.timeLimit))
        _ = library.setInt(h, "threads", 1)
        if let work = options.workBudget { _ = library.setInt(h, "mip_max_nodes", WorkBudget.highsNodes(work)) }
        _ = library.setInt(h, "random_seed", Int32(truncatingIfNeeded: options.seed & 0x7FFF_FFFF))
        _ = library.setDouble(h, "mip_rel_gap", max(relativeGap, 1e-9))
        _ = library.setDouble(h, "mip_abs_gap", 1e-9)
    }

    private func pass(_ m: LinearModel, _ h: UnsafeMutableRawPointer?) {
        _ = library.passMip(
            h, Int32(m.columnCount), Int32(m.rowCount), Int32(m.rowIndex.count), HighsCode.rowwise, HighsCode.minimize, 0,
            m.cost, m.lower, m.upper, m.rowLower, m.rowUpper, m.rowStart, m.rowIndex, m.rowValue, m.integer)
        if let name = library.passColName {
            for (i, n) in m.names.enumerated() { _ = name(h, Int32(i), n) }
        }
    }

    private func installCallback(_ h: UnsafeMutableRawPointer?, _ context: UnsafeMutableRawPointer) {
        let callback: HighsLibrary.Callback = { type, _, dataOut, dataIn, user in
            guard let user else { return }
            let box = Unmanaged<HighsCallbackBox>.fromOpaque(user).takeUnretainedValue()
            // The interrupt callback fires often during branch and bound: it both polls for
            // Ctrl-C and samples incumbent and bound for the progress line.
            if type == HighsCode.callbackMipInterrupt, box.stopRequested, let dataIn {
                dataIn.storeBytes(of: Int32(1), as: Int32.self)  // HighsCallbackDataIn.user_interrupt
            }
            if box.progress.isEnabled { box.report(dataOut) }
        }
        _ = library.setCallback(h, callback, context)
        _ = library.startCallback(h, HighsCode.callbackMipInterrupt)
        if options.progress { _ = library.startCallback(h, HighsCode.callbackMipImprovingSolution) }
        box(context).reader = library.dataOutItem
    }

    private func box(_ context: UnsafeMutableRawPointer) -> HighsCallbackBox {
        Unmanaged<HighsCallbackBox>.fromOpaque(context).takeUnretainedValue()
    }

    private func outcome(_ h: UnsafeMutableRawPointer?, columns: Int) -> Outcome {
        let status = library.modelStatus(h)
        var primal: Int32 = 0
        _ = library.intInfo(h, "primal_solution_status", &primal)
        var bound = -Double.infinity
        _ = library.doubleInfo(h, "mip_dual_bound", &bound)
        var values: [Double]?
        if primal == HighsCode.solutionFeasible {
            var cols = [Double](repeating: 0, count: columns)
            _ = library.getSolution(h, &cols, nil, nil, nil)
            values = cols
        }
        return Outcome(modelStatus: status, values: values, dualBound: bound)
    }
}

/// A model file that HiGHS could not write (worded in `Errors/SolveError+Description.swift`).
public struct MILPExportError: Error, Sendable {
    public var path: String

    /// Why HiGHS could not write a model to `path`, in words; nil when it can try: a
    /// `.mps` or `.lp` name in an existing, writable folder.
    static func problem(with path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        guard ["mps", "lp"].contains(url.pathExtension.lowercased()) else {
            return "expected a file name ending in .mps or .lp, found '\(url.lastPathComponent)'"
        }
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return "its folder '\(folder)' does not exist"
        }
        guard isFolder.boolValue else { return "'\(folder)' is not a folder" }
        guard FileManager.default.isWritableFile(atPath: folder) else { return "its folder '\(folder)' is not writable" }
        return nil
    }
}

/// State the C callback reaches through its user-data pointer.
final class HighsCallbackBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stop = false
    let progress: SolveProgress
    let unit: Double
    var reader: HighsLibrary.DataOutItem?

    init(progress: SolveProgress, unit: Double) {
        self.progress = progress
        self.unit = unit
    }

    var stopRequested: Bool { lock.lock(); defer { lock.unlock() }; return stop }

    func requestStop() { lock.lock(); stop = true; lock.unlock() }

    /// Reads the incumbent and bound by name (no dependence on the struct's layout).
    func report(_ dataOut: UnsafeRawPointer?) {
        guard let reader, let dataOut else { return }
        let read = { (name: String) -> Double? in reader(dataOut, name)?.load(as: Double.self) }
        let primal = read("mip_primal_bound").flatMap { $0.isFinite && abs($0) < 1e29 ? $0 * unit : nil }
        let dual = read("mip_dual_bound").flatMap { $0.isFinite && abs($0) < 1e29 ? $0 * unit : nil }
        progress.update(incumbent: primal, bound: dual)
    }
}
