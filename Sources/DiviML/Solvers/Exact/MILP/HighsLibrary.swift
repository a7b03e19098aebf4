import Foundation

/// The HiGHS C API in `libhighs.so.1`, looked up with dlsym (HiGHS 1.12, 32-bit `HighsInt`,
/// which `init` checks with `Highs_getSizeofHighsInt`).
struct HighsLibrary: @unchecked Sendable {
    // C function pointers capture nothing; the library they point into is never closed.
    typealias Create = @convention(c) () -> UnsafeMutableRawPointer?
    typealias Destroy = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias Version = @convention(c) () -> UnsafePointer<CChar>?
    typealias IntOfHighs = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias SetBool = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int32) -> Int32
    typealias SetDouble = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Double) -> Int32
    typealias PassMip = @convention(c) (
        UnsafeMutableRawPointer?, Int32, Int32, Int32, Int32, Int32, Double,
        UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
        UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Double>?, UnsafePointer<Int32>?
    ) -> Int32
    typealias PassName = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?) -> Int32
    typealias SetSolution = @convention(c) (
        UnsafeMutableRawPointer?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?
    ) -> Int32
    typealias GetSolution = @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
        UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?
    ) -> Int32
    typealias GetDoubleInfo = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<Double>?) -> Int32
    typealias GetIntInfo = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?) -> Int32
    typealias WriteModel = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    typealias Callback = @convention(c) (
        Int32, UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
    ) -> Void
    typealias SetCallback = @convention(c) (UnsafeMutableRawPointer?, Callback?, UnsafeMutableRawPointer?) -> Int32
    typealias StartCallback = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32
    typealias DataOutItem = @convention(c) (UnsafeRawPointer?, UnsafePointer<CChar>?) -> UnsafeMutableRawPointer?

    let library: LoadedLibrary
    let create: Create
    let destroy: Destroy
    let versionString: Version
    let setBool: SetBool
    let setDouble: SetDouble
    let setInt: SetBool
    let passMip: PassMip
    let passColName: PassName?
    let setSolution: SetSolution
    let run: IntOfHighs
    let modelStatus: IntOfHighs
    let getSolution: GetSolution
    let doubleInfo: GetDoubleInfo
    let intInfo: GetIntInfo
    let writeModel: WriteModel
    let setCallback: SetCallback
    let startCallback: StartCallback
    let dataOutItem: DataOutItem

    init(environment: [String: String]) throws(SolverLibraryError) {
        let l = try SolverLibraries.load(.highs, environment: environment)
        library = l
        create = try l.symbol("Highs_create", as: Create.self)
        destroy = try l.symbol("Highs_destroy", as: Destroy.self)
        versionString = try l.symbol("Highs_version", as: Version.self)
        setBool = try l.symbol("Highs_setBoolOptionValue", as: SetBool.self)
        setDouble = try l.symbol("Highs_setDoubleOptionValue", as: SetDouble.self)
        setInt = try l.symbol("Highs_setIntOptionValue", as: SetBool.self)
        passMip = try l.symbol("Highs_passMip", as: PassMip.self)
        passColName = l.optionalSymbol("Highs_passColName", as: PassName.self)
        setSolution = try l.symbol("Highs_setSolution", as: SetSolution.self)
        run = try l.symbol("Highs_run", as: IntOfHighs.self)
        modelStatus = try l.symbol("Highs_getModelStatus", as: IntOfHighs.self)
        getSolution = try l.symbol("Highs_getSolution", as: GetSolution.self)
        doubleInfo = try l.symbol("Highs_getDoubleInfoValue", as: GetDoubleInfo.self)
        intInfo = try l.symbol("Highs_getIntInfoValue", as: GetIntInfo.self)
        writeModel = try l.symbol("Highs_writeModel", as: WriteModel.self)
        setCallback = try l.symbol("Highs_setCallback", as: SetCallback.self)
        startCallback = try l.symbol("Highs_startCallback", as: StartCallback.self)
        dataOutItem = try l.symbol("Highs_getCallbackDataOutItem", as: DataOutItem.self)
        let sizeOfInt = try l.symbol("Highs_getSizeofHighsInt", as: IntOfHighs.self)
        let probe = create()
        defer { destroy(probe) }
        let width = sizeOfInt(probe)
        guard width == 4 else {
            throw .unusable(library: .highs, path: l.path, reason: "it was built with \(width * 8)-bit HighsInt; DiviML needs the 32-bit build of the OR-Tools wheel")
        }
    }

    /// HiGHS's version string ("1.12.0").
    var version: String { versionString().map { String(cString: $0) } ?? "unknown" }
}

/// HiGHS constants used here (HighsModelStatus, HighsCallbackType, solution status).
enum HighsCode {
    static let optimal: Int32 = 7
    static let infeasible: Int32 = 8
    static let unboundedOrInfeasible: Int32 = 9
    static let timeLimit: Int32 = 13
    /// A MIP limit other than time: `mip_max_nodes` (the work budget), leaves, improving solutions.
    static let solutionLimit: Int32 = 16
    static let interrupt: Int32 = 17
    static let callbackMipImprovingSolution: Int32 = 4
    static let callbackMipLogging: Int32 = 5
    static let callbackMipInterrupt: Int32 = 6
    static let solutionFeasible: Int32 = 2
    static let rowwise: Int32 = 2
    static let minimize: Int32 = 1
}
