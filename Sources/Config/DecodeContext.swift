import Yams

/// What every decoding step needs: the file name for errors, the source for columns, the environment.
struct DecodeContext {
    let file: String
    let sourceLines: [Substring]
    let expander: EnvironmentExpander

    init(file: String, source: String, environment: [String: String]) {
        self.file = file
        self.sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        self.expander = EnvironmentExpander(environment: environment)
    }

    func error(_ code: ConfigError.Code, at position: SourcePosition, _ message: String, fix: String) -> ConfigError {
        ConfigError(code: code, file: file, line: position.line, column: position.column, message: message, fix: fix)
    }

    /// The text of a scalar value after `${...}` expansion.
    func expandedText(of scalar: Node.Scalar, at position: SourcePosition) throws(ConfigError) -> String {
        do {
            return try expander.expand(scalar.string)
        } catch {
            switch error {
            case .unset(let name, let token):
                throw self.error(
                    .unsetVariable, at: locate(token, from: position),
                    "environment variable '\(name)' is not set",
                    fix: "set \(name), give a default with ${\(name):-value}, or write $${\(name)} for a literal ${\(name)}"
                )
            case .malformed(let token):
                throw self.error(
                    .malformedVariable, at: locate(token, from: position),
                    "'\(token)' is not a valid variable reference",
                    fix: "write ${NAME} or ${NAME:-default} (NAME: letters, digits and _, not starting with a digit), "
                        + "or $${ for a literal ${"
                )
            case .unterminated(let token):
                throw self.error(
                    .malformedVariable, at: locate(token, from: position),
                    "variable reference '\(token)' has no closing '}'",
                    fix: "close it with }, or write $${ for a literal ${"
                )
            }
        }
    }

    /// The position of `token` itself when it appears on the scalar's first line; otherwise the
    /// scalar's own position (escapes in quoted or folded scalars can move it out of reach).
    private func locate(_ token: String, from position: SourcePosition) -> SourcePosition {
        guard position.line >= 1, position.line <= sourceLines.count else { return position }
        let line = sourceLines[position.line - 1].unicodeScalars
        guard let start = line.index(line.startIndex, offsetBy: position.column - 1, limitedBy: line.endIndex) else {
            return position
        }
        let tail = Substring(line[start...])
        guard let found = tail.firstRange(of: token) else { return position }
        let offset = tail.unicodeScalars.distance(from: tail.startIndex, to: found.lowerBound)
        return SourcePosition(line: position.line, column: position.column + offset)
    }
}
