using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Coordinator.Evaluation.Arms;

/// <summary>
/// Asks an arm that speaks the arm contract: <c>POST {endpoint}/ask</c> with <c>{"question","seed","top_k"}</c>.
/// Each attempt has its own timeout; a timeout, a 5xx or a failed connection is tried again up to
/// <see cref="Attempts"/> times in all, anything else (4xx, a malformed answer) is not: the same request would
/// get the same answer.
/// </summary>
public sealed class ArmClient
{
    private readonly HttpClient _http;
    private readonly Uri _ask;

    /// <summary>A client for one arm.</summary>
    /// <param name="http">The HTTP client (its own timeout should be longer than <paramref name="callTimeout"/>).</param>
    /// <param name="endpoint">The arm's base URL (http or https).</param>
    /// <param name="callTimeout">Per attempt.</param>
    /// <param name="attempts">1 to 5.</param>
    public ArmClient(HttpClient http, Uri endpoint, TimeSpan callTimeout, int attempts = 1)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(callTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempts, 5);
        _http = http;
        _ask = new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), "ask");
        CallTimeout = callTimeout;
        Attempts = attempts;
    }

    /// <summary>The URL asked.</summary>
    public Uri AskUrl => _ask;

    /// <summary>Per attempt.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>Attempts per call, first included.</summary>
    public int Attempts { get; }

    /// <summary>Asks one question; never throws for what the arm did (only for cancellation by the caller).</summary>
    public async Task<(ArmAnswer? Answer, ArmCallError? Error)> AskAsync(string question, int seed, int topK, CancellationToken cancellationToken)
    {
        ArmCallError? last = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (answer, error, retry) = await OnceAsync(question, seed, topK, cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                return (answer, null);
            }

            last = error! with { Attempts = attempt };
            if (!retry)
            {
                break;
            }
        }

        return (null, last);
    }

    private async Task<(ArmAnswer?, ArmCallError?, bool Retry)> OnceAsync(string question, int seed, int topK, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        var body = new JsonObject { ["question"] = question, ["seed"] = seed, ["top_k"] = topK };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.PostAsJsonAsync(_ask, body, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var roundTrip = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var status = (int)response.StatusCode;
                return (null, new ArmCallError(ArmCallErrorKind.Status, $"{_ask} answered {status} {response.ReasonPhrase}", 1), status >= 500);
            }

            var (answer, error) = ArmAnswerReader.Read(text, roundTrip);
            return answer is not null
                ? (answer, null, false)
                : (null, new ArmCallError(ArmCallErrorKind.Malformed, $"{_ask} answered 200 but not the arm contract: {error}", 1), false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new ArmCallError(ArmCallErrorKind.Timeout, $"{_ask} did not answer within {CallTimeout.TotalMilliseconds:0} ms", 1), true);
        }
        catch (HttpRequestException ex)
        {
            return (null, new ArmCallError(ArmCallErrorKind.Transport, $"{_ask}: {ex.Message}", 1), true);
        }
    }
}
