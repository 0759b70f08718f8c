/// The answer to an admission: a ticket to settle later, or the limit that said no.
public enum AdmissionResult: Sendable {
    case admitted(AdmissionTicket)
    case denied(Denial)

    /// The ticket, when admitted.
    public var ticket: AdmissionTicket? {
        if case .admitted(let ticket) = self { return ticket }
        return nil
    }

    /// The denial, when denied.
    public var denial: Denial? {
        if case .denied(let denial) = self { return denial }
        return nil
    }
}
