namespace ScoutElo.Scoring.AI;

/// <summary>A call to a model endpoint failed; the message names the original failure's type and its redacted message
/// (<see cref="SecretRedactor"/>), so it is safe to print, log and store.</summary>
public sealed class EndpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EndpointException()
    {
    }

    /// <summary>Creates the exception with a (redacted) message.</summary>
    /// <param name="message">The message.</param>
    public EndpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a (redacted) message and the exception that caused it (only when that one holds no secret).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EndpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure in one line: an endpoint's (already redacted) message as it is, anything else as its type and
    /// message. The one wording every reason and diagnostic of this package uses.</summary>
    internal static string Describe(Exception e) => e is EndpointException ? e.Message : $"{e.GetType().Name}: {e.Message}";
}
