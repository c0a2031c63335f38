using Microsoft.Extensions.AI;
using ScoutElo.Scoring.AI;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>Issue 34: secrets are taken out where text leaves the HTTP layer.</summary>
public sealed class SecretRedactorTests
{
    private const string Key = "sk-live-0123456789abcdef";

    [Theory]
    [InlineData("401: invalid key sk-live-0123456789abcdef")]
    [InlineData("you sent Authorization: Bearer sk-live-0123456789abcdef")]
    [InlineData("{\"authorization\":\"Bearer sk-live-0123456789abcdef\"}")]
    [InlineData("GET http://127.0.0.1/v1?api_key=sk-live-0123456789abcdef&x=1")]
    [InlineData("escaped: sk-live-0123456789abcdef%2F")]
    public void The_key_is_masked_in_every_form(string text)
    {
        string clean = new SecretRedactor([Key]).Redact(text);
        Assert.DoesNotContain(Key, clean, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_credentials_are_removed_and_masked()
    {
        var uri = new Uri("http://alice:s3cr%40t@example.test:8080/v1");
        Assert.Equal("http://example.test:8080/v1", SecretRedactor.WithoutUserInfo(uri).AbsoluteUri);
        var redactor = new SecretRedactor(SecretRedactor.SecretsOf(uri));
        Assert.DoesNotContain("s3cr", redactor.Redact("failed for s3cr@t and s3cr%40t"), StringComparison.Ordinal);
        Assert.Equal("see https://***@host/x", new SecretRedactor([]).Redact("see https://bob:pw@host/x"));
        Assert.Empty(SecretRedactor.SecretsOf(new Uri("http://host/v1")));
        Assert.Equal("", new SecretRedactor([null, ""]).Redact(null));
    }

    [Fact]
    public async Task A_wrapped_client_fails_with_a_redacted_endpoint_exception_and_answers_are_redacted()
    {
        var redactor = new SecretRedactor([Key]);
        var failing = redactor.Wrap(new Echo(_ => throw new HttpRequestException($"500 from server: key {Key}")));
        var e = await Assert.ThrowsAsync<EndpointException>(() => failing.GetResponseAsync("hi"));
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("HttpRequestException: ", e.Message, StringComparison.Ordinal);
        Assert.Null(e.InnerException);
        var echoing = redactor.Wrap(new Echo(_ => $"<score>4</score> your key is {Key}"));
        Assert.DoesNotContain(Key, (await echoing.GetResponseAsync("hi")).Text, StringComparison.Ordinal);
        var judge = new JudgeDimension(failing, new JudgeOptions { MalformedAnswerRetries = 0 });
        var verdict = await judge.JudgeAsync(new ScoringInput { Response = "r", Query = "q" });
        Assert.False(verdict.Score.IsApplicable);
        Assert.DoesNotContain(Key, verdict.Score.Reason, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", verdict.Score.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OperationCanceledException>(() => redactor.Wrap(new Echo(_ => throw new OperationCanceledException())).GetResponseAsync("hi"));
    }

    private sealed class Echo(Func<string, string> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(string.Concat(messages.Select(m => m.Text))))));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
