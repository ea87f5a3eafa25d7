using System.Collections.Concurrent;
using System.Net;

namespace Coordinator.EdgeTests.Edge;

/// <summary>Requests keep flowing through flips back and forth: none fails, none goes back to a lower epoch.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeFlipLoopTests(EdgeFixture fixture)
{
    private const int Loops = 4;
    private const int Flips = 20;

    [Fact]
    public async Task Twenty_flips_under_a_closed_loop_lose_no_request_and_never_go_back_an_epoch()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "loop");
        var edge = await world.StartEdgeAsync();
        var armAt = new ConcurrentDictionary<long, string> { [(await world.Pointer.GetActiveArmAsync()).Epoch] = "blue" };
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(() => LoopAsync(world, edge, stop.Token))).ToArray();

        using var probe = world.ClientFor(edge);
        var target = Arm.Green;
        for (var i = 0; i < Flips; i++)
        {
            var epoch = await world.FlipAsync(target);
            armAt[epoch] = target.ToWire();
            // Each flip is seen at the edge before the next, so every epoch is served.
            await world.UntilRoutedAsync(probe, target, epoch);
            target = target == Arm.Green ? Arm.Blue : Arm.Green;
        }

        await stop.CancelAsync();
        var results = await Task.WhenAll(loops);

        foreach (var loop in results)
        {
            Assert.True(loop.Failures.Count == 0, "requests failed across the flips: " + string.Join("; ", loop.Failures.Take(5)));
            Assert.True(loop.Served.Count > 0, "a loop served nothing");
            for (var i = 1; i < loop.Served.Count; i++)
            {
                Assert.True(loop.Served[i].Epoch >= loop.Served[i - 1].Epoch, $"a request at epoch {loop.Served[i].Epoch} followed one at {loop.Served[i - 1].Epoch}");
            }

            foreach (var routed in loop.Served)
            {
                Assert.Equal(routed.Arm, routed.ServedBy);
                Assert.Equal(armAt[routed.Epoch], routed.Arm);
            }
        }

        var epochsServed = results.SelectMany(r => r.Served).Select(r => r.Epoch).Distinct().Count();
        Assert.True(epochsServed >= Flips, $"the loops saw {epochsServed} epochs across {Flips} flips");
    }

    private static async Task<LoopResult> LoopAsync(EdgeWorld world, Coordinator.Edge.Hosting.EdgeHost edge, CancellationToken stop)
    {
        using var client = world.ClientFor(edge);
        var result = new LoopResult();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Not cancelled by stop: a request that started is always completed and judged.
                using var response = await client.GetAsync($"/{world.Service}/ask", CancellationToken.None);
                await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    result.Served.Add(Routed.Of(response));
                }
                else
                {
                    result.Failures.Add($"{(int)response.StatusCode} {Routed.Of(response)}");
                }
            }
            catch (HttpRequestException ex)
            {
                result.Failures.Add(ex.Message);
            }
        }

        return result;
    }

    private sealed class LoopResult
    {
        public List<Routed> Served { get; } = [];

        public List<string> Failures { get; } = [];
    }
}
