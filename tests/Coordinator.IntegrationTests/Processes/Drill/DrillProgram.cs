using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>
/// The by-hand drill (infra/multiprocess-run.sh runs it): the same runner and checks as
/// MultiProcessRunTests, printing one PASS/FAIL line per check. Exit 0 only if all pass; 2 on a bad
/// argument, before anything starts; 1 otherwise.
/// </summary>
public static class DrillProgram
{
    /// <summary>`chaos ...` first runs the chaos suite (infra/chaos.sh); anything else is the drill.</summary>
    public static Task<int> Main(string[] args) =>
        args is ["chaos", .. var rest]
            ? Chaos.ChaosProgram.RunAsync(rest, Console.Out, Console.Error)
            : RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var parsed = DrillArguments.Parse(args);
        if (parsed.Help || parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await errors.WriteLineAsync($"multiprocess-run: {error}");
            }

            await errors.WriteLineAsync(DrillArguments.Usage);
            return parsed.Errors.Count > 0 ? 2 : 0;
        }

        var started = TimeProvider.System.GetTimestamp();
        var gate = new object();
        void Say(string line)
        {
            lock (gate)
            {
                output.WriteLine($"multiprocess-run [{TimeProvider.System.GetElapsedTime(started).TotalSeconds,4:0}s]: {line}");
            }
        }

        RunRecord run;
        try
        {
            run = await DrillRunner.RunAsync(parsed.Description, Say, parsed.KeepLogs);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or PollAbortedException)
        {
            Say($"FAIL: {ex.Message}");
            return 1;
        }

        var results = RunChecks.Judge(run);
        foreach (var result in results)
        {
            Say(result.ToString());
        }

        var failed = results.Count(r => !r.Passed);
        if (failed > 0)
        {
            // As much of each process's output as a first look needs; --keep-logs keeps all of it.
            foreach (var log in run.ProcessLogs)
            {
                await output.WriteLineAsync(string.Join(Environment.NewLine, log.Split('\n').TakeLast(40)));
            }
        }

        Say(failed == 0 ? $"PASS: all {results.Count} checks passed" : $"FAIL: {results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
