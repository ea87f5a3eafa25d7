using System.Collections.Concurrent;

namespace Coordinator.Fleet.Http;

/// <summary>One request of the HTTP traffic that failed: a non-2xx answer or no answer at all.</summary>
/// <param name="Region">Where it was sent.</param>
/// <param name="Sent">When it was sent.</param>
/// <param name="Ended">When it failed.</param>
/// <param name="Arm">The arm the edge named (x-coordinator-arm); null without an answer.</param>
/// <param name="Status">The HTTP status; null when the request got no answer.</param>
/// <param name="Error">What went wrong.</param>
public sealed record FailedRequest(string Region, DateTimeOffset Sent, DateTimeOffset Ended, string? Arm, int? Status, string Error);

/// <summary>What the HTTP traffic saw, per region and arm; written by many loops at once.</summary>
public sealed class HttpTrafficLog
{
    private readonly ConcurrentDictionary<(string Region, string Arm), long> _answered = new();
    private readonly ConcurrentDictionary<(string Region, string Arm), QualityTally> _quality = new();
    private readonly ConcurrentQueue<FailedRequest> _failed = new();
    private long _unattributed;

    /// <summary>Answers (any status) carrying <c>x-coordinator-arm</c> = <paramref name="arm"/> in the region.</summary>
    public long Answered(string region, string arm) => _answered.GetValueOrDefault((region, arm));

    /// <summary>Every failed request, in no particular order.</summary>
    public IReadOnlyList<FailedRequest> Failed => [.. _failed];

    /// <summary>Quality samples not reported because the resolver had not yet reached the answer's epoch.</summary>
    public long Unattributed => Interlocked.Read(ref _unattributed);

    /// <summary>What the client measured on the arm's answers in the region.</summary>
    public QualityTally Quality(string region, string arm) => _quality.GetOrAdd((region, arm), _ => new QualityTally());

    internal void Answer(string region, string arm) => _answered.AddOrUpdate((region, arm), 1, (_, n) => n + 1);

    internal void Fail(FailedRequest request) => _failed.Enqueue(request);

    internal void NotAttributed() => Interlocked.Increment(ref _unattributed);
}

/// <summary>Sums of one arm's measured quality in one region.</summary>
public sealed class QualityTally
{
    private readonly Lock _lock = new();
    private double _coverage;
    private double _deltaS;
    private long _samples;
    private long _lambda;
    private long _flipped;

    public void Add(double coverage, double deltaS, bool? flipped)
    {
        lock (_lock)
        {
            _coverage += coverage;
            _deltaS += deltaS;
            _samples++;
            if (flipped is { } f)
            {
                _lambda++;
                _flipped += f ? 1 : 0;
            }
        }
    }

    /// <summary>Samples, mean coverage, mean ΔS, λ samples and the share flipped; zeros without samples.</summary>
    public (long Samples, double Coverage, double DeltaS, long LambdaSamples, double FlipRate) Read()
    {
        lock (_lock)
        {
            return _samples == 0
                ? (0, 0, 0, _lambda, 0)
                : (_samples, _coverage / _samples, _deltaS / _samples, _lambda, _lambda == 0 ? 0 : (double)_flipped / _lambda);
        }
    }
}
