using System.Globalization;
using System.Runtime.InteropServices;
using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>The outcome of one chaos round.</summary>
public sealed record ChaosRound(ChaosPlan Plan, RunRecord? Run, IReadOnlyList<CheckResult> Results)
{
    public int Violations => Results.Count(r => !r.Passed);
}

/// <summary>
/// `bash infra/chaos.sh --rounds N --seed S` (the test assembly's entry point with `chaos` first):
/// N rounds of <see cref="ChaosPlan"/> on an Azurite of its own, every drill check plus recovery,
/// then a summary line. Exit 0 only with no violation; 2 on a bad argument.
/// </summary>
public static class ChaosProgram
{
    public const string Usage = "usage: bash infra/chaos.sh [--rounds N] [--seed S] [--first-round K] [--keep-logs DIR] [--no-build]";

    public static IReadOnlyList<IRunCheck> Checks { get; } = [.. RunChecks.All, new RecoveryCheck(), new ConnectionCutCheck()];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var (rounds, seed, first, keepLogs, problems) = Parse(args);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await errors.WriteLineAsync($"chaos: {problem}");
            }

            await errors.WriteLineAsync(Usage);
            return 2;
        }

        var started = TimeProvider.System.GetTimestamp();
        var gate = new Lock();
        void Say(string line)
        {
            lock (gate)
            {
                output.WriteLine($"chaos [{TimeProvider.System.GetElapsedTime(started).TotalSeconds,4:0}s]: {line}");
            }
        }

        await using var storage = await OwnedAzurite.StartAsync();

        // An interrupt skips `finally`: stop the round's silos, fleet and console commands and the
        // Azurite here, or they outlive the run (silos whose storage is gone never finish a graceful stop).
        void Stop(PosixSignalContext context)
        {
            ChildProcess.KillAll();
            storage.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        Say($"own azurite: pid {storage.ProcessId}, ports {string.Join(',', storage.Ports)}");
        var outcomes = new List<ChaosRound>();
        // A round is drawn from (seed, round) alone, so --first-round K replays round K of a longer run by itself.
        for (var round = first; round < first + rounds; round++)
        {
            var outcome = await RoundAsync(seed, round, storage, Say, keepLogs is null ? null : Path.Combine(keepLogs, $"round-{round}"));
            outcomes.Add(outcome);
            foreach (var result in outcome.Results.Where(r => !r.Passed))
            {
                Say($"round {round}: {result}");
            }

            Say($"round {round}: {(outcome.Violations == 0 ? "PASS" : $"FAIL ({outcome.Violations} violations)")}: {outcome.Plan}");
        }

        var summary = Summary(seed, outcomes);
        Say(summary);
        return outcomes.Sum(o => o.Violations) == 0 ? 0 : 1;
    }

    /// <summary>Draws, runs and judges one round; a run that could not finish is one violation, not a crash.</summary>
    public static async Task<ChaosRound> RoundAsync(int seed, int round, OwnedAzurite storage, Action<string> say, string? keepLogs = null)
    {
        var folder = Directory.CreateTempSubdirectory("coordinator-chaos.").FullName;
        try
        {
            var plan = ChaosPlan.Draw(seed, round, storage, folder);
            say($"round {round}: {plan}");
            try
            {
                var run = await DrillRunner.RunAsync(plan.Description, line => say($"round {round}: {line}"), keepLogs);
                return new ChaosRound(plan, run, [.. Checks.SelectMany(c => c.Check(run))]);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or PollAbortedException)
            {
                return new ChaosRound(plan, null, [CheckResult.Fail("run", $"the round did not finish: {ex.Message}")]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string Summary(int seed, IReadOnlyList<ChaosRound> outcomes)
    {
        var recoveries = outcomes.Where(o => o.Run is not null).SelectMany(o => o.Run!.Faults.OfType<IRecovered>()).Select(r => r.Recovery.TotalSeconds).Order().ToList();
        var faults = outcomes.Sum(o => o.Plan.InjectedFaults.Count);
        var aborted = outcomes.Count(o => o.Run?.Faults.OfType<IOperatorAborted>().Any() == true);
        var recovery = recoveries.Count == 0
            ? "no recovery measured"
            : string.Create(CultureInfo.InvariantCulture, $"time to recover p50 {recoveries[recoveries.Count / 2]:0.0} s, max {recoveries[^1]:0.0} s");
        return $"SUMMARY seed {seed}: {outcomes.Count} rounds, {faults} faults injected, {outcomes.Sum(o => o.Violations)} violations, "
            + $"{aborted} aborted by the operator after a gate could not decide, {recovery}";
    }

    private static (int Rounds, int Seed, int First, string? KeepLogs, List<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        int rounds = 3, seed = 7, first = 1;
        string? keepLogs = null;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is not ("--rounds" or "--seed" or "--first-round" or "--keep-logs"))
            {
                problems.Add($"unknown argument '{flag}'");
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : null;
            if (value is null)
            {
                problems.Add($"{flag} needs a value");
                continue;
            }

            switch (flag)
            {
                case "--rounds" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    rounds = n;
                    break;
                case "--first-round" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0:
                    first = k;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                case "--keep-logs":
                    keepLogs = value;
                    break;
                default:
                    problems.Add($"{flag} '{value}' is not {(flag is "--rounds" or "--first-round" ? "a positive whole number" : "a whole number")}");
                    break;
            }
        }

        return (rounds, seed, first, keepLogs, problems);
    }
}
