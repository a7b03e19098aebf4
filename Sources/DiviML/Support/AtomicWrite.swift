import Foundation

/// Writes `data` to `path` so that readers see the old file or the whole new one, never a
/// part: the bytes go to a temporary file in the same folder (so the rename stays on one
/// file system), are flushed to disk, and the temporary file is renamed over `path`. On any
/// failure (a full disk, a size limit, a missing folder) the temporary file is removed and
/// an existing file at `path` is left as it was.
///
/// A symbolic link at `path` is followed (its target is replaced). The new file keeps an
/// existing file's permissions, or takes 0666 less the process's umask.
/// - Throws: `InputError.unwritableFile` naming `path` and the system's reason.
/// - Complexity: O(|data|).
public func writeFileAtomically(_ data: Data, path: String) throws {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let folder = (target as NSString).deletingLastPathComponent
    var template = Array("\(folder)/.\((target as NSString).lastPathComponent).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw InputError.unwritableFile(file: path, reason: systemReason(errno)) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure = writeAll(data, to: fd)
    if failure == 0, fchmod(fd, newFileMode(existing: target)) != 0 { failure = errno }
    if failure == 0, fsync(fd) != 0 { failure = errno }
    if close(fd) != 0, failure == 0 { failure = errno }
    if failure == 0, rename(temporary, target) != 0 { failure = errno }
    guard failure == 0 else {
        unlink(temporary)
        throw InputError.unwritableFile(file: path, reason: systemReason(failure))
    }
}

/// Writes every byte of `data` to `fd`; the `errno` of the first failure, or 0.
private func writeAll(_ data: Data, to fd: Int32) -> Int32 {
    data.withUnsafeBytes { buffer -> Int32 in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }
}

/// The permissions of the file at `path`, or 0666 less the umask for a new file.
private func newFileMode(existing path: String) -> mode_t {
    var status = stat()
    if stat(path, &status) == 0 { return status.st_mode & 0o7777 }
    let mask = umask(0)
    umask(mask)
    return 0o666 & ~mask
}

/// The system's words for an `errno` value, e.g. "No space left on device".
func systemReason(_ code: Int32) -> String {
    String(cString: strerror(code))
}
