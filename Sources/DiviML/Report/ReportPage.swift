import Foundation

/// The HTML report: one self-contained page (styles and script inline, the report
/// embedded as JSON, nothing fetched) with an interactive Gantt chart per timeline,
/// device utilisation and memory, the compare chart, the explanation and the notes.
///
/// Node names are untrusted: the page's script inserts every string as text, never as
/// markup, and the embedded JSON escapes `<`, `>`, `&` and the JavaScript line
/// separators, so no name can end the `<script>` element that holds it.
public enum ReportPage {
    /// The page for `report`.
    /// - Throws: an `EncodingError` only if the report holds a non-finite number (the
    ///   report builders keep them out).
    /// - Complexity: O(size of the report).
    public static func html(_ report: PlanReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = scriptSafe(String(decoding: try encoder.encode(report), as: UTF8.self))
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>\(escapeText(report.title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body data-status="loading">
        <div id="page"></div>
        <pre id="errors" hidden></pre>
        <script type="application/json" id="report-data">\(json)</script>
        <script>
        \(script)
        </script>
        </body>
        </html>

        """
    }

    /// JSON text made safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`,
    /// `\u003e` and `\u0026` (they occur only inside JSON strings, where the escapes mean
    /// the same characters), and U+2028 and U+2029 are escaped too.
    /// - Complexity: O(|text|).
    public static func scriptSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text escaped for HTML element content and attribute values.
    static func escapeText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
