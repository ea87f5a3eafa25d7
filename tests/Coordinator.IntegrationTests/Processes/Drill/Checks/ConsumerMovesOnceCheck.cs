using System.Globalization;

namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Per consumer group the campaign paused, its pointer after the run: every move that completed bumped
/// the fencing token once (the fleet configured it at token 1), so the token counts the moves; the
/// campaign's moves happened exactly once each (one to Green when cut over, one back when rolled back
/// after that), on the version the region ended on, with no move left draining and no pause left.
/// </summary>
/// <remarks>The pointer's audit chain must say the same step by step: <see cref="ConsumerStepsOnceCheck"/>.</remarks>
public sealed class ConsumerMovesOnceCheck : IRunCheck
{
    public static string Subject(string fence) => $"consumer moves {fence}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        foreach (var region in run.Campaign.Regions.Where(r => r.Fences is { ConsumerGroups.Count: > 0 }))
        {
            var answer = run.Consumers.GetValueOrDefault(region.Region);
            foreach (var group in region.Fences!.ConsumerGroups)
            {
                var fence = $"{region.Region}/{group}";
                var pointer = answer?.Value?.Groups.SingleOrDefault(g => g.Group == group);
                yield return pointer is null
                    ? CheckResult.Fail(Subject(fence), $"{fence}: no consumer pointer to read: {answer?.Error ?? "not asked"}")
                    : Judge(run, region.Region, fence, pointer);
            }
        }
    }

    private static CheckResult Judge(RunRecord run, string region, string fence, ConsumerGroupReport pointer)
    {
        var path = RegionPaths.Of(run.Campaign, region);
        IReadOnlyList<int> moves = path switch
        {
            RegionPath.Untouched => [0],
            RegionPath.CutOver => [1],
            RegionPath.CutOverThenRolledBack => [2],
            RegionPath.RolledBackMidway when RegionPaths.MayHaveUnfrozen(run.Campaign, region) => [0, 2],
            RegionPath.RolledBackMidway => [0],
            _ => [],
        };
        var version = run.Arms[path == RegionPath.CutOver ? "green" : "blue"].ConsumerVer;
        var problems = new List<string>();
        if (!moves.Any(m => pointer.Token == 1 + m))
        {
            problems.Add($"token {pointer.Token} counts {pointer.Token - 1} completed moves, expected {string.Join(" or ", moves.Select(m => m.ToString(CultureInfo.InvariantCulture)))}");
        }

        if (pointer.ActiveConsumerVer != version)
        {
            problems.Add($"CONSUMER_VER {pointer.ActiveConsumerVer ?? "none"}, expected {version}");
        }

        if (pointer.CurrentMove is { } move)
        {
            problems.Add($"a move to {move.ToConsumerVer} (key {move.IdempotencyKey}) is still {move.State}");
        }

        if (pointer.PausedBy is not null || pointer.Mode != "consuming")
        {
            problems.Add($"left {pointer.Mode}{(pointer.PausedBy is null ? string.Empty : $", paused by {pointer.PausedBy}")}");
        }

        var describe = RegionPaths.Describe(run.Campaign, region);
        return problems.Count == 0
            ? CheckResult.Pass(Subject(fence), $"{fence}: {pointer.Token - 1} moves, each exactly once, consuming on {version} ({describe})")
            : CheckResult.Fail(Subject(fence), $"{fence}: {string.Join("; ", problems)} ({describe})");
    }
}
