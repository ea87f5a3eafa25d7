using System.Globalization;
using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.IntegrationTests.Processes.Chaos;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// `infra/chaos.sh` stopped with SIGTERM mid-round (a CI timeout, an operator's kill) leaves nothing
/// running: its silos, fleet and Azurite go with it. A SIGTERM skips every `finally`, and a silo whose
/// storage is gone never finishes a graceful stop, so before the fix three silos outlived such a run.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class ChaosInterruptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoundStartDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan GoneDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_SIGTERM_mid_round_stops_every_process_the_run_started()
    {
        var entry = typeof(ChaosProgram).Assembly.Location;
        await using var chaos = ChildProcess.StartDotnet("chaos", entry, ["chaos", "--rounds", "1", "--seed", "7"]);
        try
        {
            await Poll.UntilAsync(
                () => Task.FromResult(chaos.HasExited ? throw new PollAbortedException($"chaos exited early:\n{chaos.Output}") : chaos.Output),
                text => text.Contains("fleet ready", StringComparison.Ordinal),
                "the chaos round's fleet to be ready",
                RoundStartDeadline);

            var started = Descendants(chaos.Id);
            Assert.True(started.Count >= 4, $"expected Azurite, 3 silos and the fleet under the chaos process, found {started.Count}: {string.Join(", ", started)}");

            await Signals.SendAsync(chaos.Id, "TERM");

            var left = await Poll.UntilAsync(
                () => Task.FromResult(started.Where(IsAlive).ToList()),
                alive => alive.Count == 0,
                "every process the chaos run started to be gone after its SIGTERM",
                GoneDeadline);
            Assert.Empty(left);
        }
        finally
        {
            output.WriteLine(chaos.Describe());
        }
    }

    /// <summary>Every process below <paramref name="root"/>, read from /proc (ppid is the 4th field of stat).</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // The name in parentheses may hold spaces: the fields after its closing one are fixed.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Exited while being read.
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            // A zombie is gone for our purpose: it holds no port and runs nothing.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
