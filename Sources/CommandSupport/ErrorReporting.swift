import ArgumentParser
import DiviML
import Foundation

/// Runs a command body, turning the user's errors into one line on stderr and exit code 2
/// (64, the usage error's, for options that cannot be used together or with this input:
/// `InputError.conflictingOptions`), without a stack trace. Programming errors are not
/// caught here: they trap.
package func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as InputError {
        printError("error: \(error.description)")
        if case .conflictingOptions = error { throw ExitCode.validationFailure }
        throw ExitCode(2)
    } catch let error as CustomStringConvertible & Error {
        printError("error: \(error.description)")
        throw ExitCode(2)
    } catch {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

/// Runs a check of the library's in `validate()`, so that its `InputError` is reported as
/// a usage error (with the command's usage line), worded where every `InputError` is.
package func asUsageError(_ check: () throws -> Void) throws {
    do {
        try check()
    } catch let error as InputError {
        throw ValidationError(error.description)
    }
}

/// Writes a line to standard error.
package func printError(_ text: String) {
    // Standard error closed or full: there is nowhere left to report to.
    try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
}

/// Writes `data` to `path`, or to standard output when `path` is `-`.
///
/// A regular file (or a new one) is written with `writeFileAtomically`: to a temporary file
/// in the same folder, then renamed over `path`, so a failed write leaves an existing file
/// as it was. Anything else that exists (a device such as `/dev/null`, a pipe) is written
/// in place: renaming over it would replace it.
/// - Throws: `InputError.unwritableFile` naming the path (or standard output) and the reason.
package func writeOutput(_ data: Data, to path: String) throws {
    if path != "-" {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        if type == nil || type == .typeRegular || type == .typeDirectory { return try writeFileAtomically(data, path: path) }
    }
    do {
        if path == "-" {
            try FileHandle.standardOutput.write(contentsOf: data)
        } else {
            try data.write(to: URL(fileURLWithPath: path))
        }
    } catch {
        throw InputError.unwritableFile(file: path, reason: writeFailure(error))
    }
}

/// Why a write failed, in words: the POSIX reason when there is one.
private func writeFailure(_ error: any Error) -> String {
    let ns = error as NSError
    if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain,
       let code = POSIXErrorCode(rawValue: Int32(posix.code)) {
        return String(cString: strerror(code.rawValue))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    return ns.localizedDescription
}
