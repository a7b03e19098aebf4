import ArgumentParser
import DiviML
import Foundation

/// Runs a command body, turning the user's errors into one line on stderr and exit code 2,
/// without a stack trace. Programming errors are not caught here: they trap.
package func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
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
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `data` to `path`, or to standard output when `path` is `-`.
package func writeOutput(_ data: Data, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(data)
        return
    }
    do {
        try data.write(to: URL(fileURLWithPath: path))
    } catch {
        throw InputError.unreadableFile(file: path, reason: "cannot be written (\(error.localizedDescription))")
    }
}
