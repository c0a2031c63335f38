using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace ScoutElo.Scoring.AI;

/// <summary>Takes secrets out of text where it leaves an HTTP layer: API keys, the user-info of endpoint URLs, bearer tokens,
/// <c>Authorization</c> headers and key-like query parameters become <see cref="Mask"/>. Wrap the clients a judge or an
/// embedding dimension talks to (<see cref="Wrap(IChatClient)"/>, <see cref="Wrap(IEmbeddingGenerator{string, Embedding{float}})"/>),
/// so an endpoint that echoes the key in an error body or an answer cannot put it into a reason, a cache row, a report or a log.
/// Immutable and thread-safe.</summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    private readonly string[] _secrets;

    /// <summary>Creates a redactor for these secrets (null and empty entries are ignored; each is also matched URL-encoded).</summary>
    /// <param name="secrets">API keys, passwords, tokens.</param>
    /// <exception cref="ArgumentNullException"><paramref name="secrets"/> is null.</exception>
    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) }).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>The text with every secret, URL user-info, bearer token, <c>Authorization</c> value and key-like query
    /// parameter masked; null as empty.</summary>
    /// <param name="text">Any text (an exception message, a response body, a URL).</param>
    /// <returns>The redacted text.</returns>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        foreach (var s in _secrets) text = text.Replace(s, Mask, StringComparison.Ordinal);
        text = UserInfo().Replace(text, "${scheme}" + Mask + "@");
        text = Authorization().Replace(text, "${name}" + Mask);
        text = Bearer().Replace(text, "${name}" + Mask);
        return KeyParameter().Replace(text, "${name}" + Mask);
    }

    /// <summary>The URL without its user-info (<c>http://user:password@host/v1</c> → <c>http://host/v1</c>): the form to print,
    /// log or key a cache by.</summary>
    /// <param name="uri">An absolute URL.</param>
    /// <returns>The URL without user-info.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
    public static Uri WithoutUserInfo(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.UserInfo.Length == 0) return uri;
        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
    }

    /// <summary>The secrets a URL carries: its user-info, as written and decoded, and the password part alone.</summary>
    /// <param name="uri">An absolute URL.</param>
    /// <returns>The secrets (none without user-info).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
    public static IReadOnlyList<string> SecretsOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.UserInfo.Length == 0) return [];
        var info = uri.UserInfo;
        var found = new List<string> { info, Uri.UnescapeDataString(info) };
        int colon = info.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && colon < info.Length - 1)
        {
            found.Add(info[(colon + 1)..]);
            found.Add(Uri.UnescapeDataString(info[(colon + 1)..]));
        }
        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A chat client whose answers and failures carry no secret: answer text is redacted, and any failure is rethrown
    /// as an <see cref="EndpointException"/> with a redacted message (cancellation passes through unchanged).</summary>
    /// <param name="client">The client.</param>
    /// <returns>The wrapped client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public IChatClient Wrap(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new RedactingChatClient(client, this);
    }

    /// <summary>An embedding generator whose failures carry no secret (rethrown as <see cref="EndpointException"/>).</summary>
    /// <param name="generator">The generator.</param>
    /// <returns>The wrapped generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> Wrap(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return new RedactingEmbeddingGenerator(generator, this);
    }

    /// <summary>The failure as it may be shown: an <see cref="EndpointException"/> with the redacted message and the original
    /// exception's type name (the original is not kept: its message, data and inner exceptions may hold the secret).</summary>
    internal EndpointException Failure(Exception e) => e as EndpointException ?? new EndpointException($"{e.GetType().Name}: {Redact(e.Message)}");

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\s""'<>]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<name>\b(?:Proxy-)?Authorization[""']?\s*[:=]\s*[""']?)[^\r\n""',;}]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Authorization();

    [GeneratedRegex(@"(?<name>\bBearer\s+)[^\s""',;}]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?<name>[?&;\s""'](?:api[-_]?key|key|token|access[-_]?token|password|secret|sig)[""']?\s*[=:]\s*[""']?)[^&\s""',;}]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeyParameter();
}
