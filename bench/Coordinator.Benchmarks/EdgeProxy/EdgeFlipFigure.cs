using System.Diagnostics;
using System.Globalization;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.EdgeProxy;

/// <summary>
/// Figures 16b-c: 64 callers POST /ask through the edge in a closed loop while the region is flipped
/// back and forth (a random 0-100 ms pause before each flip). 16b is, per flip, from FlipAsync
/// returning to the first response that carries the new arm at the new epoch; 16c counts every
/// request of the run that failed: non-2xx, transport errors, a response at an epoch lower than one
/// its caller already had, or one served by another arm than the edge's headers say.
/// </summary>
internal static class EdgeFlipFigure
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<FigureResult>> RunAsync(EdgeStage stage, int flips, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var flipper = new RegionFlipper(stage.Pointer, stage.View);
        var armAt = new Dictionary<long, string> { [flipper.Epoch] = stage.View.ActiveArm.ToWire() };
        var book = new ServedBook();
        var asksBefore = stage.Blue.Counts().Asks + stage.Green.Counts().Asks;
        using var http = EdgeStage.ClientFor(stage.Edge.BaseAddress);
        using var stop = new CancellationTokenSource();
        var loopStarted = Stopwatch.GetTimestamp();
        var callers = Enumerable.Range(0, Catalog.EdgeCallers).Select(_ => Task.Run(() => EdgeCaller.RunAsync(http, book, stop.Token))).ToArray();
        var toGreen = new List<long>();
        var toBlue = new List<long>();
        var missed = 0;
        var beforeConfirmed = 0;
        CpuUse? use;
        try
        {
            await book.FirstAt(flipper.Epoch).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var window = cpu.Start();
            for (var i = 0; i < flips; i++)
            {
                await Task.Delay(Random.Shared.Next(0, 100), cancellationToken);
                var result = await stage.Pointer.FlipAsync(flipper.Next());
                var confirmed = Stopwatch.GetTimestamp();
                flipper.Flipped(result);
                armAt[result.Epoch] = result.To.ToWire();
                long delay;
                try
                {
                    var seen = await book.FirstAt(result.Epoch).WaitAsync(RoundTimeout, cancellationToken);
                    beforeConfirmed += seen.At < confirmed ? 1 : 0;
                    delay = Math.Max(0, seen.At - confirmed);
                }
                catch (TimeoutException)
                {
                    missed++;
                    delay = (long)(RoundTimeout.TotalSeconds * Stopwatch.Frequency);
                }

                (result.To == Arm.Green ? toGreen : toBlue).Add(delay);
            }

            use = window.Stop();
        }
        finally
        {
            await stop.CancelAsync();
        }

        var tallies = await Task.WhenAll(callers);
        var loopElapsed = Stopwatch.GetElapsedTime(loopStarted);
        var asks = stage.Blue.Counts().Asks + stage.Green.Counts().Asks - asksBefore;
        var all = toGreen.Concat(toBlue).ToArray();
        var latency = LatencySummary.FromTicks(all);
        var served = EdgeCaller.Tally.Sum(tallies);
        var wrongAtEpoch = book.Epochs().Count(e => armAt.TryGetValue(e.Epoch, out var arm) && arm != e.Arm);
        var unknownEpochs = book.Epochs().Count(e => !armAt.ContainsKey(e.Epoch));
        var failed = served.Failed + wrongAtEpoch + unknownEpochs;
        var requestLatency = LatencySummary.FromTicks(tallies.SelectMany(t => t.LatencyTicks).ToArray());
        var rate = served.Requests / loopElapsed.TotalSeconds;

        var flipResult = FigureResult.Measured(Catalog.EdgeFlipServed.Id, Catalog.EdgeFlipServed.Title, latency.P99Ms, Catalog.EdgeFlipServed.Unit, Catalog.EdgeFlipServed.Target, latency,
            $"{flips:N0} flips, alternating Blue -> Green -> Blue; per flip from FlipAsync returning to the first response through the edge carrying the new arm and epoch (x-coordinator-arm, x-coordinator-epoch): {latency}",
            $"to Green: {LatencySummary.FromTicks(toGreen)}; back to Blue: {LatencySummary.FromTicks(toBlue)}",
            $"missed (no such response within {RoundTimeout.TotalSeconds:0} s): {missed:N0}; first response arrived before FlipAsync returned (counted as 0): {beforeConfirmed:N0}",
            $"the load meanwhile: {Catalog.EdgeCallers} callers POST /ask via the edge, {rate.ToString("N0", CultureInfo.InvariantCulture)} requests/s, latency {requestLatency}; the edge hears of a flip on the pointer's stream (embedded: polled every 10 ms); each epoch is a new YARP cluster with its own connection pool, so the first requests after a flip open connections to the arm",
            $"{use}");
        var failureResult = FigureResult.Measured(Catalog.EdgeFlipFailures.Id, Catalog.EdgeFlipFailures.Title, failed, Catalog.EdgeFlipFailures.Unit, Catalog.EdgeFlipFailures.Target, null,
            $"{served.Requests:N0} requests by {Catalog.EdgeCallers} callers over {loopElapsed.TotalSeconds:0.0} s and {flips:N0} flips; {book.Epochs().Count:N0} epochs served",
            $"non-2xx: {served.NonSuccess:N0}{served.StatusText()}; transport errors: {served.Transport:N0}{(served.FirstError is { } e ? $" (first: {e})" : string.Empty)}",
            $"epoch lower than one the caller had seen: {served.Regressions:N0}; served by another arm than x-coordinator-arm: {served.WrongArm:N0}; without the edge's headers: {served.Unrouted:N0}; an epoch answered by an arm the flip did not name: {wrongAtEpoch:N0}; an epoch no flip returned: {unknownEpochs:N0}",
            $"arm servers counted {asks:N0} asks in the run (callers saw {served.Requests - served.Transport:N0} answers); {stage.ArmCounts()} since start");
        return [flipResult, failureResult];
    }
}
