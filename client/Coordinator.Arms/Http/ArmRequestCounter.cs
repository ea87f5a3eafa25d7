namespace Coordinator.Arms.Http;

/// <summary>
/// Counts the requests an arm server answered, as it saw them: counted when the response starts, so a
/// client that has its response is already counted. One lock keeps every snapshot consistent.
/// </summary>
internal sealed class ArmRequestCounter
{
    public const string EpochHeader = "x-coordinator-epoch";

    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _byEpoch = [];
    private readonly Dictionary<long, DateTimeOffset> _lastAskByEpoch = [];
    private readonly long[] _byClass = new long[6];
    private long _total;
    private long _asks;
    private long _health;
    private long _epochInvalid;
    private long? _highestEpoch;

    /// <summary>Counts one answered request; <paramref name="arrived"/> (when it reached the arm) is kept per epoch for the last ask.</summary>
    public void Record(string path, int status, string? epochHeader, DateTimeOffset arrived)
    {
        var hasEpoch = long.TryParse(epochHeader, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch);
        lock (_lock)
        {
            _total++;
            _byClass[Math.Clamp(status / 100, 0, 5)]++;
            if (path == ArmEndpoints.AskPath)
            {
                _asks++;
            }
            else if (path == ArmEndpoints.HealthPath)
            {
                _health++;
            }

            if (hasEpoch)
            {
                _byEpoch[epoch] = _byEpoch.GetValueOrDefault(epoch) + 1;
                if (path == ArmEndpoints.AskPath && (!_lastAskByEpoch.TryGetValue(epoch, out var last) || arrived > last))
                {
                    _lastAskByEpoch[epoch] = arrived;
                }

                _highestEpoch = Math.Max(_highestEpoch ?? epoch, epoch);
            }
            else if (epochHeader is not null)
            {
                _epochInvalid++;
            }
        }
    }

    public ArmRequestCounts Snapshot()
    {
        lock (_lock)
        {
            return new ArmRequestCounts
            {
                Total = _total,
                Asks = _asks,
                Health = _health,
                Status2xx = _byClass[2],
                Status3xx = _byClass[3],
                Status4xx = _byClass[4],
                Status5xx = _byClass[5],
                HighestEpoch = _highestEpoch,
                ByEpoch = new SortedDictionary<long, long>(_byEpoch),
                LastAskByEpoch = new SortedDictionary<long, DateTimeOffset>(_lastAskByEpoch),
                EpochHeaderInvalid = _epochInvalid,
            };
        }
    }
}
