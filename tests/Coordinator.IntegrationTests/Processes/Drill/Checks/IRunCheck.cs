namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>One invariant a finished drill must hold, judged from its <see cref="RunRecord"/> alone.</summary>
public interface IRunCheck
{
    /// <summary>One result per thing checked (e.g. per region).</summary>
    IEnumerable<CheckResult> Check(RunRecord run);
}

/// <summary>A PASS or FAIL line: <paramref name="Subject"/> names what was checked, stably, for tests to find.</summary>
public sealed record CheckResult(string Subject, bool Passed, string Message)
{
    public static CheckResult Pass(string subject, string message) => new(subject, true, message);

    public static CheckResult Fail(string subject, string message) => new(subject, false, message);

    public static CheckResult Of(string subject, bool passed, string message) => new(subject, passed, message);

    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}: {Message}";
}
