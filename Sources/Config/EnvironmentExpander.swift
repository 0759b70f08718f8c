/// Expands `${NAME}` and `${NAME:-default}` in scalar text from a given environment.
///
/// `$${` stands for a literal `${`; any other `$` is kept as written. As in the shell, `:-` also
/// applies the default when the variable is set but empty. Defaults are literal text (no nesting).
struct EnvironmentExpander: Sendable {
    /// Why a reference could not be expanded; `token` is its source text, used to find its column.
    enum Failure: Error, Equatable {
        case unset(name: String, token: String)
        case malformed(token: String)
        case unterminated(token: String)
    }

    let environment: [String: String]

    func expand(_ text: String) throws(Failure) -> String {
        guard text.contains("$") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("$${") {
                output += "${"
                index = text.index(index, offsetBy: 3)
            } else if rest.hasPrefix("${") {
                guard let close = rest.firstIndex(of: "}") else {
                    throw .unterminated(token: String(rest))
                }
                output += try resolve(String(text[index...close]))
                index = text.index(after: close)
            } else {
                output.append(text[index])
                index = text.index(after: index)
            }
        }
        return output
    }

    /// Resolves one complete `${...}` token.
    private func resolve(_ token: String) throws(Failure) -> String {
        let body = token.dropFirst(2).dropLast()
        let name: Substring
        let fallback: Substring?
        if let separator = body.firstRange(of: ":-") {
            name = body[..<separator.lowerBound]
            fallback = body[separator.upperBound...]
        } else {
            name = body
            fallback = nil
        }
        guard Self.isVariableName(name) else { throw .malformed(token: token) }
        if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
            return value
        }
        if let fallback { return String(fallback) }
        throw .unset(name: String(name), token: token)
    }

    static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
    }
}
