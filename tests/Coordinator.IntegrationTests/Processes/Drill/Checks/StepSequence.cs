namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>A chain's entries for one campaign as short steps ("claim", "flip:green"), and how they compare with what was expected.</summary>
public static class StepSequence
{
    public static string Text(IEnumerable<string> steps) => steps.Any() ? string.Join(", ", steps) : "none";

    /// <summary>Pass when <paramref name="seen"/> is one of <paramref name="allowed"/>; the message names both.</summary>
    public static CheckResult Judge(string subject, string what, IReadOnlyList<string> seen, IReadOnlyList<IReadOnlyList<string>> allowed, string path)
    {
        var ok = allowed.Any(a => a.SequenceEqual(seen, StringComparer.Ordinal));
        var expected = string.Join(" or ", allowed.Select(a => $"'{Text(a)}'"));
        return ok
            ? CheckResult.Pass(subject, $"{what}: '{Text(seen)}', each exactly once ({path})")
            : CheckResult.Fail(subject, $"{what}: '{Text(seen)}', expected {expected} ({path})");
    }
}
