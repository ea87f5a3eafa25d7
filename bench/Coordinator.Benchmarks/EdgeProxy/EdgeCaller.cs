using System.Diagnostics;
using System.Globalization;
using Coordinator.Edge.Routing;

namespace Coordinator.Benchmarks.EdgeProxy;

/// <summary>
/// One caller of figures 16b-c: POST /ask through the edge, the next as soon as the last one is read,
/// until stopped. Every response is judged; a request that started is always finished.
/// </summary>
internal static class EdgeCaller
{
    /// <summary>Set by the arm server on every response: who really answered.</summary>
    private const string ArmNameHeader = "x-arm-name";

    public static async Task<Tally> RunAsync(HttpClient http, ServedBook book, CancellationToken stop)
    {
        var tally = new Tally();
        var highest = long.MinValue;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            tally.Requests++;
            try
            {
                using var response = await EdgeStage.AskAsync(http, viaEdge: true);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                var now = Stopwatch.GetTimestamp();
                tally.LatencyTicks.Add(now - started);
                if (!response.IsSuccessStatusCode)
                {
                    tally.NonSuccess++;
                    tally.ByStatus[(int)response.StatusCode] = tally.ByStatus.GetValueOrDefault((int)response.StatusCode) + 1;
                    continue;
                }

                var arm = Header(response, EdgeHeaders.Arm);
                if (arm is null || !long.TryParse(Header(response, EdgeHeaders.Epoch), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                {
                    tally.Unrouted++;
                    continue;
                }

                if (epoch < highest)
                {
                    tally.Regressions++;
                }

                highest = Math.Max(highest, epoch);
                if (Header(response, ArmNameHeader) != arm || book.Served(epoch, arm, now) != arm)
                {
                    tally.WrongArm++;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A refused or reset connection, or the client's timeout: the request failed in transport.
                tally.LatencyTicks.Add(Stopwatch.GetTimestamp() - started);
                tally.Transport++;
                tally.FirstError ??= $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        return tally;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>What one caller saw.</summary>
    internal sealed class Tally
    {
        public long Requests { get; set; }

        public long NonSuccess { get; set; }

        public long Transport { get; set; }

        public long Regressions { get; set; }

        public long WrongArm { get; set; }

        /// <summary>2xx without the edge's arm and epoch headers.</summary>
        public long Unrouted { get; set; }

        public string? FirstError { get; set; }

        public Dictionary<int, long> ByStatus { get; } = [];

        public List<long> LatencyTicks { get; } = new(4096);

        public long Failed => NonSuccess + Transport + Regressions + WrongArm + Unrouted;

        public string StatusText() =>
            ByStatus.Count == 0 ? string.Empty : " (" + string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}")) + ")";

        public static Tally Sum(IEnumerable<Tally> tallies)
        {
            var sum = new Tally();
            foreach (var t in tallies)
            {
                sum.Requests += t.Requests;
                sum.NonSuccess += t.NonSuccess;
                sum.Transport += t.Transport;
                sum.Regressions += t.Regressions;
                sum.WrongArm += t.WrongArm;
                sum.Unrouted += t.Unrouted;
                sum.FirstError ??= t.FirstError;
                foreach (var (status, count) in t.ByStatus)
                {
                    sum.ByStatus[status] = sum.ByStatus.GetValueOrDefault(status) + count;
                }
            }

            return sum;
        }
    }
}
