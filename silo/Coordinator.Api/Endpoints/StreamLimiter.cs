using System.Collections.Concurrent;

namespace Coordinator.Api.Endpoints;

/// <summary>Counts the event streams each principal holds open, so one caller cannot hold them all.</summary>
public sealed class StreamLimiter(ApiOptions options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A lease on one stream for <paramref name="principal"/>, or null when it holds its maximum already.</summary>
    public IDisposable? TryOpen(string principal)
    {
        while (true)
        {
            var current = _open.GetOrAdd(principal, 0);
            if (current >= options.MaxStreamsPerPrincipal)
            {
                return null;
            }

            if (_open.TryUpdate(principal, current + 1, current))
            {
                return new Lease(this, principal);
            }
        }
    }

    private void Close(string principal) => _open.AddOrUpdate(principal, 0, (_, n) => Math.Max(0, n - 1));

    private sealed class Lease(StreamLimiter limiter, string principal) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                limiter.Close(principal);
            }
        }
    }
}
