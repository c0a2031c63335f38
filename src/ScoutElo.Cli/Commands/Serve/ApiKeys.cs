using System.Security.Cryptography;
using System.Text;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The service's API keys: named, stored only as SHA-256 hashes (lines <c>NAME:sha256:HEX</c> in a file, or the
/// same lines in <c>$SCOUTELO_API_KEYS</c> separated by <c>;</c>), compared in constant time. The file is read again when
/// it changes (checked at most once a second), so a key is revoked by removing its line, without a restart; a file that no
/// longer parses admits no key until it does (fail closed). Keys are random 256-bit tokens (<see cref="NewKey"/>), so a
/// plain hash is enough: there is nothing to guess a password from.</summary>
internal sealed class ApiKeys
{
    public const string Variable = "SCOUTELO_API_KEYS";
    private const string Prefix = "sha256:";
    private readonly string? _path;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private (string Name, byte[] Hash)[] _keys = [];
    private (DateTime Written, long Length) _seen;
    private DateTimeOffset _checked;
    private string? _broken; // why the file does not parse, while it does not

    public ApiKeys(string? path, string? environment, TimeProvider? clock = null)
    {
        _path = path;
        _clock = clock ?? TimeProvider.System;
        var fromEnvironment = environment is { Length: > 0 } ? Parse(environment.Split(';'), Variable) : [];
        _environment = fromEnvironment;
        if (path is not null)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"--keys: '{path}' not found (scoutelo keys add --keys {path} --name NAME creates it).", path);
            Reload(force: true);
            if (_broken is not null) throw new FormatException(_broken);
        }
        else
        {
            _keys = fromEnvironment;
        }
    }

    private readonly (string Name, byte[] Hash)[] _environment;

    /// <summary>Whether any key is configured (a service without keys refuses every write).</summary>
    public bool Any
    {
        get
        {
            Reload(force: false);
            lock (_lock) return _keys.Length > 0;
        }
    }

    /// <summary>The name of the key <paramref name="presented"/> is, or null; every configured key is compared, in constant time.</summary>
    public string? Match(string presented)
    {
        Reload(force: false);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        (string Name, byte[] Hash)[] keys;
        lock (_lock) keys = _keys;
        string? found = null;
        foreach (var (name, stored) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, stored)) found ??= name;
        }
        return found;
    }

    /// <summary>A new random key (shown once, never stored) and its line for the keys file.</summary>
    public static (string Key, string Line) NewKey(string name)
    {
        CheckName(name, "--name");
        string key = "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (key, $"{name}:{Prefix}{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}");
    }

    /// <summary>A key's name: letters, digits, '-', '_' and '.', 1 to 64 of them.</summary>
    public static void CheckName(string name, string flag)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"{flag}: a key name is 1 to 64 letters, digits, '-', '_' or '.', got '{name}'.");
    }

    /// <summary>Parses key lines (comments and blank lines skipped); an error names <paramref name="source"/> and the line.</summary>
    public static (string Name, byte[] Hash)[] Parse(IEnumerable<string> lines, string source)
    {
        var keys = new List<(string, byte[])>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int n = 0;
        foreach (string raw in lines)
        {
            n++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            string name = colon > 0 ? line[..colon] : "", rest = colon > 0 ? line[(colon + 1)..] : "";
            if (colon <= 0 || !rest.StartsWith(Prefix, StringComparison.Ordinal) || rest.Length != Prefix.Length + 64 || !rest[Prefix.Length..].All(char.IsAsciiHexDigit))
                throw new FormatException($"{source}:{n}: expected NAME:sha256:HEX (64 hex digits; a key is stored hashed: 'scoutelo keys add' writes the line).");
            try
            {
                CheckName(name, $"{source}:{n}");
            }
            catch (ArgumentException e)
            {
                throw new FormatException(e.Message, e);
            }
            if (!names.Add(name)) throw new FormatException($"{source}:{n}: the key name '{name}' appears twice.");
            keys.Add((name, Convert.FromHexString(rest[Prefix.Length..])));
        }
        return [.. keys];
    }

    private void Reload(bool force)
    {
        if (_path is null) return;
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            if (!force && now - _checked < TimeSpan.FromSeconds(1)) return;
            _checked = now;
        }
        try
        {
            var info = new FileInfo(_path);
            var seen = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
            lock (_lock)
            {
                if (!force && seen == _seen) return;
            }
            var parsed = info.Exists ? Parse(File.ReadAllLines(_path), _path) : throw new FormatException($"--keys: '{_path}' was removed.");
            lock (_lock)
            {
                _keys = [.. parsed, .. _environment];
                _seen = seen;
                _broken = null;
            }
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            lock (_lock)
            {
                _keys = _environment; // fail closed: the file's keys are out until it parses again
                _broken = e.Message;
            }
        }
    }

    /// <summary>Why the keys file does not parse now, or null.</summary>
    public string? Broken
    {
        get
        {
            lock (_lock) return _broken;
        }
    }
}
